package org.snnlab.sweep;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.TTest;

import java.util.Arrays;
import java.util.Locale;

/**
 * Decides between two settings from their per-seed results (FastSpiker step 3: "choose by a
 * statistical test over repeated seeds"), two-sided, with Apache Commons Math:
 * <ul>
 *   <li>Welch's t-test (unequal variances): {@code t = (mA - mB) / sqrt(sA^2/nA + sB^2/nB)},
 *       Welch-Satterthwaite {@code df = (sA^2/nA + sB^2/nB)^2 / ((sA^2/nA)^2/(nA-1) + (sB^2/nB)^2/(nB-1))},
 *       {@code p = 2 P(T_df > |t|)}. When both samples have zero variance, p is 1 for equal means and
 *       0 otherwise.</li>
 *   <li>Mann-Whitney U (rank-sum): {@code U = max(U_A, U_B)} with {@code U_A = #{(i,j): a_i > b_j} + #ties/2}.
 *       Its p is EXACT (the permutation distribution of U, counted by recursion) when there are no ties
 *       and nA + nB &lt;= 40, else Commons Math's normal approximation
 *       {@code z = (min(U_A,U_B) - nA nB/2) / sqrt(nA nB (nA+nB+1)/12)}, {@code p = 2 Phi(z)}. With 3 seeds
 *       a side the exact test cannot go below p = 0.1: too few seeds for it to decide at 0.05.</li>
 * </ul>
 * The verdict follows Welch's test (the stated decision rule; Mann-Whitney is reported as the check
 * that does not assume normality): "A better" / "B better" when p &lt; alpha, by the better mean
 * (higher or lower, as the metric says), else "no significant difference"; fewer than 2 values on
 * either side: "too few samples".
 */
public record Comparison(String nameA, String nameB, Sample a, Sample b, double welchT, double welchDf, double welchP,
                         double mannWhitneyU, double mannWhitneyP, String mannWhitneyMethod, double alpha,
                         boolean higherIsBetter, Verdict verdict) {

    /** Size, mean and sample standard deviation (n - 1) of one side. */
    public record Sample(int n, double mean, double std) {
        static Sample of(double[] x) {
            DescriptiveStatistics d = new DescriptiveStatistics(x);
            return new Sample(x.length, x.length == 0 ? Double.NaN : d.getMean(), x.length < 2 ? Double.NaN : d.getStandardDeviation());
        }
    }

    /** The decision. */
    public enum Verdict {
        A_BETTER("A better"), B_BETTER("B better"), NO_DIFFERENCE("no significant difference"), TOO_FEW("too few samples");

        private final String text;

        Verdict(String text) { this.text = text; }

        @Override
        public String toString() { return text; }
    }

    /** Compares two samples (non-finite values must be removed first). */
    public static Comparison compare(String nameA, double[] a, String nameB, double[] b, double alpha, boolean higherIsBetter) {
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        for (double[] x : new double[][]{a, b})
            for (double v : x) if (!Double.isFinite(v)) throw new IllegalArgumentException("non-finite value " + v + " in " + Arrays.toString(x));
        Sample sa = Sample.of(a), sb = Sample.of(b);
        if (a.length < 2 || b.length < 2)
            return new Comparison(nameA, nameB, sa, sb, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", alpha,
                    higherIsBetter, Verdict.TOO_FEW);
        double va = sa.std() * sa.std() / a.length, vb = sb.std() * sb.std() / b.length;
        double t, df, p;
        if (va + vb == 0) {
            t = sa.mean() == sb.mean() ? 0 : Math.copySign(Double.POSITIVE_INFINITY, sa.mean() - sb.mean());
            df = Double.NaN;
            p = sa.mean() == sb.mean() ? 1 : 0;
        } else {
            TTest tt = new TTest();
            t = tt.t(a, b);
            df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
            p = tt.tTest(a, b);
        }
        MannWhitneyUTest mw = new MannWhitneyUTest();
        double u = mw.mannWhitneyU(a, b);
        boolean exact = !hasTies(a, b) && a.length + b.length <= 40;
        double pmw = exact ? exactMannWhitneyP(a.length, b.length, (double) a.length * b.length - u) : mw.mannWhitneyUTest(a, b);
        Verdict v = p < alpha ? ((sa.mean() > sb.mean()) == higherIsBetter ? Verdict.A_BETTER : Verdict.B_BETTER) : Verdict.NO_DIFFERENCE;
        return new Comparison(nameA, nameB, sa, sb, t, df, p, u, pmw, exact ? "exact" : "normal approximation", alpha, higherIsBetter, v);
    }

    /** The verdict with the winning setting named, e.g. {@code A better (policy=cosine)}. */
    public String verdictText() {
        return switch (verdict) {
            case A_BETTER -> verdict + " (" + nameA + ")";
            case B_BETTER -> verdict + " (" + nameB + ")";
            default -> verdict.toString();
        };
    }

    /** A few lines for a terminal: both samples, both tests, the verdict. */
    public String report(String metric) {
        return String.format(Locale.ROOT, "%s (%s is better):%n  A %s: n=%d mean=%.6g std=%.4g%n  B %s: n=%d mean=%.6g std=%.4g%n"
                        + "  Welch t-test: t=%.4g df=%.4g p=%.4g%n  Mann-Whitney U: U=%.4g p=%.4g (%s)%n  verdict at alpha %.3g: %s",
                metric, higherIsBetter ? "higher" : "lower", nameA, a.n(), a.mean(), a.std(), nameB, b.n(), b.mean(), b.std(),
                welchT, welchDf, welchP, mannWhitneyU, mannWhitneyP, mannWhitneyMethod, alpha, verdictText());
    }

    static boolean hasTies(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        for (int i = 1; i < all.length; i++) if (all[i] == all[i - 1]) return true;
        return false;
    }

    /**
     * Exact two-sided p of the Mann-Whitney test without ties: {@code min(1, 2 P(U <= min(u, m n - u)))}
     * under H0, where all {@code C(m+n, m)} orderings are equally likely. The number of orderings with
     * {@code U = k} follows {@code N(m, n, k) = N(m-1, n, k-n) + N(m, n-1, k)} (the largest value is
     * either an A, beating all n B's, or a B), {@code N(0, n, k) = N(m, 0, k) = [k = 0]}.
     *
     * @param u U of either side (the count of pairs in which that side's value is larger)
     */
    public static double exactMannWhitneyP(int m, int n, double u) {
        if (m < 1 || n < 1) throw new IllegalArgumentException("need m, n >= 1, got " + m + ", " + n);
        int umax = m * n;
        double[][][] c = new double[m + 1][n + 1][];
        for (int i = 0; i <= m; i++)
            for (int j = 0; j <= n; j++) {
                c[i][j] = new double[i * j + 1];
                if (i == 0 || j == 0) { c[i][j][0] = 1; continue; }
                for (int k = 0; k <= i * j; k++) {
                    double fromA = k - j >= 0 && k - j <= (i - 1) * j ? c[i - 1][j][k - j] : 0;
                    double fromB = k <= i * (j - 1) ? c[i][j - 1][k] : 0;
                    c[i][j][k] = fromA + fromB;
                }
            }
        double total = 0, tail = 0, lo = Math.min(u, umax - u);
        for (int k = 0; k <= umax; k++) {
            total += c[m][n][k];
            if (k <= lo + 1e-9) tail += c[m][n][k];
        }
        return Math.min(1, 2 * tail / total);
    }
}

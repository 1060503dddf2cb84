package org.snnlab.sweep;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Welch's t-test and Mann-Whitney U on samples whose statistics and p-values are computed here by
 * hand (closed forms, exact counts, or an independent numerical integral), and the verdicts.
 */
class ComparisonTest {

    @Test
    void welchWithTwoDegreesOfFreedomHasAClosedForm() {
        // a = {1, 3}, b = {4, 6}: means 2 and 5, both variances 2, se = sqrt(2/2 + 2/2) = sqrt 2,
        // t = -3/sqrt 2; Welch df = (1 + 1)^2 / (1/1 + 1/1) = 2; Student t with 2 df has
        // P(|T| > t) = 1 - t / sqrt(t^2 + 2)
        Comparison c = Comparison.compare("A", new double[]{1, 3}, "B", new double[]{4, 6}, 0.05, true);
        double t = -3 / Math.sqrt(2);
        assertEquals(t, c.welchT(), 1e-12);
        assertEquals(2, c.welchDf(), 1e-12);
        assertEquals(1 - Math.abs(t) / Math.sqrt(t * t + 2), c.welchP(), 1e-9);
        assertEquals(0.16794970566215628, c.welchP(), 1e-9);
        assertEquals(2, c.a().mean(), 1e-12);
        assertEquals(Math.sqrt(2), c.b().std(), 1e-12);
        assertEquals(Comparison.Verdict.NO_DIFFERENCE, c.verdict());
    }

    /** Student t density with {@code df} degrees of freedom. */
    static double tDensity(double x, double df) {
        double lg = lgamma((df + 1) / 2) - lgamma(df / 2);
        return Math.exp(lg) / Math.sqrt(df * Math.PI) * Math.pow(1 + x * x / df, -(df + 1) / 2);
    }

    /** log Gamma at integers and half-integers (all this test needs), from Gamma(1/2) = sqrt(pi). */
    static double lgamma(double z) {
        double g = Math.abs(z - Math.rint(z)) < 1e-12 ? 0 : Math.log(Math.sqrt(Math.PI));
        for (double k = Math.abs(z - Math.rint(z)) < 1e-12 ? 1 : 0.5; k < z - 1e-12; k++) g += Math.log(k);
        return g;
    }

    @Test
    void welchPValueMatchesAnIndependentIntegralOfTheTDensity() {
        // a = {1..5}, b = {3..7}: t = -2, df = 8; p = 1 - 2 * integral_0^2 f_8(x) dx (Simpson, 2000 panels)
        Comparison c = Comparison.compare("A", new double[]{1, 2, 3, 4, 5}, "B", new double[]{3, 4, 5, 6, 7}, 0.05, true);
        assertEquals(-2, c.welchT(), 1e-12);
        assertEquals(8, c.welchDf(), 1e-12);
        int n = 2000;
        double h = 2.0 / n, s = tDensity(0, 8) + tDensity(2, 8);
        for (int i = 1; i < n; i++) s += (i % 2 == 1 ? 4 : 2) * tDensity(i * h, 8);
        double p = 1 - 2 * s * h / 3;
        assertEquals(p, c.welchP(), 1e-9);
        assertEquals(0.0805, c.welchP(), 5e-5, "the table value for t = 2, 8 df");
    }

    @Test
    void mannWhitneyExactPIsACountOfOrderings() {
        // complete separation of 3 and 3: U = 9, only 1 of C(6,3) = 20 orderings is as extreme per side
        Comparison c = Comparison.compare("A", new double[]{1, 2, 3}, "B", new double[]{4, 5, 6}, 0.05, true);
        assertEquals(9, c.mannWhitneyU());
        assertEquals("exact", c.mannWhitneyMethod());
        assertEquals(2.0 / 20, c.mannWhitneyP(), 1e-12);
        // a = {1,2,4}, b = {3,5,6}: U_A = 1 (4 > 3); orderings with U <= 1: 1 (U=0) + 1 (U=1) of 20
        Comparison d = Comparison.compare("A", new double[]{1, 2, 4}, "B", new double[]{3, 5, 6}, 0.05, true);
        assertEquals(8, d.mannWhitneyU(), "Commons Math reports max(U_A, U_B)");
        assertEquals(2 * 2.0 / 20, d.mannWhitneyP(), 1e-12);
        assertEquals(1.0, Comparison.exactMannWhitneyP(2, 2, 2), 1e-12, "the centre of the distribution");
        // 5 vs 5 separated: 2 / C(10, 5) = 2 / 252
        assertEquals(2.0 / 252, Comparison.exactMannWhitneyP(5, 5, 25), 1e-12);
    }

    @Test
    void mannWhitneyWithTiesUsesTheNormalApproximation() {
        // a = {1, 2, 2, 3}, b = {2, 3, 4, 5}, U_A = #(a > b) + #ties / 2, counted by hand:
        // pairs a>b: (3>2) = 1; ties: (2,2) x2, (3,3) x1 = 3 -> U_A = 1 + 1.5 = 2.5, U_B = 16 - 2.5 = 13.5
        // z = (2.5 - 8) / sqrt(4*4*9/12) = -5.5 / sqrt(12); p = 2 Phi(z) = erfc(5.5 / sqrt(24))
        Comparison c = Comparison.compare("A", new double[]{1, 2, 2, 3}, "B", new double[]{2, 3, 4, 5}, 0.05, true);
        assertEquals(13.5, c.mannWhitneyU(), 1e-12);
        assertEquals("normal approximation", c.mannWhitneyMethod());
        assertEquals(0.11235119769046388, c.mannWhitneyP(), 1e-8, "erfc(5.5/sqrt(24)) (Python math.erfc)");
    }

    @Test
    void verdictsFollowWelchAndTheMetricsDirection() {
        double[] lo = {0.80, 0.81, 0.79, 0.80}, hi = {0.90, 0.91, 0.89, 0.905};
        Comparison acc = Comparison.compare("step", lo, "cosine", hi, 0.05, true);
        assertTrue(acc.welchP() < 0.05);
        assertEquals(Comparison.Verdict.B_BETTER, acc.verdict());
        assertEquals("B better (cosine)", acc.verdictText());
        Comparison secs = Comparison.compare("step", lo, "cosine", hi, 0.05, false);
        assertEquals(Comparison.Verdict.A_BETTER, secs.verdict(), "lower is better for time and energy");
        assertEquals(Comparison.Verdict.TOO_FEW, Comparison.compare("a", new double[]{1}, "b", hi, 0.05, true).verdict());
        Comparison same = Comparison.compare("a", new double[]{0.5, 0.5}, "b", new double[]{0.5, 0.5}, 0.05, true);
        assertEquals(1.0, same.welchP());
        assertEquals(Comparison.Verdict.NO_DIFFERENCE, same.verdict());
        Comparison apart = Comparison.compare("a", new double[]{0.5, 0.5}, "b", new double[]{0.7, 0.7}, 0.05, true);
        assertEquals(0.0, apart.welchP(), "zero variance, different means");
        assertEquals(Comparison.Verdict.B_BETTER, apart.verdict());
        assertThrows(IllegalArgumentException.class, () -> Comparison.compare("a", new double[]{Double.NaN, 1}, "b", hi, 0.05, true));
        assertThrows(IllegalArgumentException.class, () -> Comparison.compare("a", lo, "b", hi, 1.5, true));
        assertTrue(acc.report("final_test_acc").contains("Welch"));
    }
}

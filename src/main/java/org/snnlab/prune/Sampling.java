package org.snnlab.prune;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Unequal-probability sampling of exactly K of N examples, the machinery every importance sampler
 * shares.
 * <ul>
 *   <li>{@link #waterFill}: inclusion probabilities {@code pi_i = min(1, c s_i)} with c chosen so that
 *       {@code sum_i pi_i = K} (the largest scores are capped at 1 and the rest share what is left);</li>
 *   <li>{@link #systematic}: systematic sampling (Madow 1949) over a random order: with one uniform
 *       {@code u} in [0, 1), example i is drawn when a point {@code u + j} (j = 0..K-1) falls in its
 *       interval of length pi_i on the cumulated line, so exactly K are drawn and each with probability
 *       exactly pi_i;</li>
 *   <li>{@link #horvitzThompson}: the loss weight {@code K / (N pi_i)} of a drawn example, which makes
 *       the mean over the K drawn examples of {@code w_i g_i} an unbiased estimate of the mean gradient
 *       over all N ({@code E[sum_S w_i g_i / K] = sum_i pi_i K/(N pi_i) g_i / K = mean g}), with variance
 *       (for independent draws) {@code sum_i (1/pi_i - 1) ||g_i||^2 / N^2}, smallest when pi ~ ||g_i||.</li>
 * </ul>
 */
public final class Sampling {
    private Sampling() { }

    /** {@code K = round((1 - r) n)}, at least 1 (and at most n). */
    public static int keptCount(int n, double ratio) {
        if (n < 1) throw new IllegalArgumentException("need at least one example, got " + n);
        if (!(ratio >= 0 && ratio < 1)) throw new IllegalArgumentException("pruning ratio must be in [0, 1), got " + ratio);
        return (int) Math.max(1, Math.min(n, Math.round((1 - ratio) * n)));
    }

    /**
     * Inclusion probabilities {@code pi_i = min(1, c s_i)} summing to {@code k}. Scores must be finite
     * and >= 0; when fewer than k are positive, those get 1 and the zeros share the rest equally.
     */
    public static double[] waterFill(double[] s, int k) {
        int n = s.length;
        if (k < 0 || k > n) throw new IllegalArgumentException("cannot keep " + k + " of " + n + " examples");
        for (int i = 0; i < n; i++)
            if (!(s[i] >= 0) || Double.isInfinite(s[i])) throw new IllegalArgumentException("score[" + i + "] = " + s[i] + " must be finite and >= 0");
        double[] v = s.clone();
        Arrays.sort(v); // ascending: the m largest are v[n-m..n)
        double[] pre = new double[n + 1]; // pre[j] = v[0] + ... + v[j-1], summed smallest first (no cancellation)
        for (int j = 0; j < n; j++) pre[j + 1] = pre[j] + v[j];
        int m = 0; // how many of the largest are capped at 1: while c = (k - m) / (sum of the rest) puts the next above 1
        while (m < k && pre[n - m] > 0 && (k - m) / pre[n - m] * v[n - 1 - m] > 1) m++;
        double[] pi = new double[n];
        double rest = pre[n - m];
        if (m < k && rest > 0) {
            double c = (k - m) / rest;
            for (int i = 0; i < n; i++) pi[i] = Math.min(1, c * s[i]);
            return pi;
        }
        // the m = k largest take everything (m == k), or only zeros are left (rest == 0): the m largest get 1
        // (ties at the cut by index), the others share k - m equally
        double cut = m == 0 ? Double.POSITIVE_INFINITY : v[n - m];
        int above = 0;
        for (double x : s) if (x > cut) above++;
        int atCut = m - above;
        double share = n == m ? 0 : (double) (k - m) / (n - m);
        for (int i = 0; i < n; i++) {
            if (s[i] > cut) pi[i] = 1;
            else if (s[i] == cut && atCut > 0) { pi[i] = 1; atCut--; }
            else pi[i] = share;
        }
        return pi;
    }

    /**
     * Exactly {@code k = round(sum pi)} indices drawn by systematic sampling over a random order of the
     * examples (from {@code rng}); returned in the order drawn.
     */
    public static int[] systematic(double[] pi, SplittableRandom rng) {
        int n = pi.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (!(pi[i] >= 0 && pi[i] <= 1 + 1e-9)) throw new IllegalArgumentException("pi[" + i + "] = " + pi[i] + " is outside [0, 1]");
            total += Math.min(1, pi[i]);
        }
        int k = (int) Math.round(total);
        int[] order = permutation(n, rng);
        double u = rng.nextDouble(), scale = total > 0 ? k / total : 0; // rescale so the line ends at exactly k
        boolean[] taken = new boolean[n];
        int[] out = new int[k];
        int j = 0;
        double cum = 0;
        for (int m = 0; m < n && j < k; m++) {
            int i = order[m];
            cum = m == n - 1 ? k : cum + Math.min(1, pi[i]) * scale;
            if (u + j < cum && !taken[i]) {
                taken[i] = true;
                out[j++] = i;
            }
        }
        for (int m = n - 1; m >= 0 && j < k; m--) // float rounding only: fill from the end of the line
            if (!taken[order[m]]) {
                taken[order[m]] = true;
                out[j++] = order[m];
            }
        return out;
    }

    /** {@code K / (N pi_i)}: the loss weight that keeps the gradient unbiased. */
    public static double horvitzThompson(int k, int n, double pi) {
        if (!(pi > 0)) throw new IllegalArgumentException("a drawn example needs pi > 0, got " + pi);
        return k / (n * pi);
    }

    /** A uniform random permutation of {@code 0..n-1} (Fisher-Yates). */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}

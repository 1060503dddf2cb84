package org.snnlab.prune;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Water-filling, systematic sampling, Horvitz-Thompson weights and the strategies: probabilities sum
 * to K and are min(1, c s), exactly K drawn, inclusion frequencies match pi, the weighted estimate is
 * unbiased, every strategy is seeded and deterministic, InfoBatch reports its realised ratio.
 */
class SamplingAndPrunersTest {

    static double[] skewed(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = Math.pow(r.nextDouble(), 4) * (i % 17 == 0 ? 50 : 1); // a few huge scores
        return s;
    }

    @Test
    void keptCountIsRoundedAndBounded() {
        assertEquals(50, Sampling.keptCount(100, 0.5));
        assertEquals(30, Sampling.keptCount(100, 0.7));
        assertEquals(69, Sampling.keptCount(99, 0.3)); // 69.3
        assertEquals(1, Sampling.keptCount(3, 0.9));
    }

    @Test
    void waterFillingSumsToKAndIsMinOneCs() {
        double[] s = skewed(1000, 1);
        for (int k : new int[]{1, 100, 500, 900, 1000}) {
            double[] pi = Sampling.waterFill(s, k);
            assertEquals(k, Arrays.stream(pi).sum(), 1e-9, "sum pi for K = " + k);
            double c = Double.NaN;
            for (int i = 0; i < s.length; i++) {
                assertTrue(pi[i] >= 0 && pi[i] <= 1 + 1e-12, "pi[" + i + "] = " + pi[i]);
                if (pi[i] < 1 - 1e-12 && s[i] > 0) {
                    double ci = pi[i] / s[i];
                    if (Double.isNaN(c)) c = ci;
                    assertEquals(c, ci, 1e-9 * c, "one c for every uncapped example");
                }
            }
            for (int i = 0; i < s.length; i++) if (pi[i] >= 1 - 1e-12 && !Double.isNaN(c)) assertTrue(c * s[i] >= 1 - 1e-9, "capped only when c s >= 1");
        }
        double[] zeros = {0, 0, 3, 0};
        assertArrayEquals(new double[]{1.0 / 3, 1.0 / 3, 1, 1.0 / 3}, Sampling.waterFill(zeros, 2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Sampling.waterFill(new double[]{1, Double.NaN}, 1));
    }

    @Test
    void systematicSamplingDrawsExactlyKWithProbabilitiesPi() {
        double[] pi = Sampling.waterFill(skewed(200, 2), 60);
        SplittableRandom rng = new SplittableRandom(3);
        int draws = 20000;
        double[] freq = new double[pi.length];
        for (int d = 0; d < draws; d++) {
            int[] s = Sampling.systematic(pi, rng);
            assertEquals(60, s.length);
            assertEquals(60, Arrays.stream(s).distinct().count(), "no example twice");
            for (int i : s) freq[i] += 1.0 / draws;
        }
        double worst = 0;
        for (int i = 0; i < pi.length; i++) worst = Math.max(worst, Math.abs(freq[i] - pi[i]) / Math.sqrt(pi[i] * (1 - pi[i]) / draws + 1e-12));
        System.out.printf("systematic sampling: largest |freq - pi| = %.2f standard errors over %d examples%n", worst, pi.length);
        assertTrue(worst < 5, "inclusion frequencies off by " + worst + " standard errors");
        assertArrayEquals(Sampling.systematic(pi, new SplittableRandom(9)), Sampling.systematic(pi, new SplittableRandom(9)));
    }

    /** Mean over draws of (1/K) sum_S w_i g_i with w = K/(N pi) converges to the mean of g (vectors in R^3). */
    @Test
    void horvitzThompsonEstimateIsUnbiased() {
        int n = 300, k = 90, dims = 3, draws = 40000;
        SplittableRandom r = new SplittableRandom(4);
        double[][] g = new double[n][dims];
        double[] norms = new double[n], mean = new double[dims];
        for (int i = 0; i < n; i++) {
            double scale = i % 10 == 0 ? 10 : 1;
            for (int d = 0; d < dims; d++) {
                g[i][d] = scale * (r.nextDouble() - 0.3);
                mean[d] += g[i][d] / n;
            }
            norms[i] = Math.sqrt(Arrays.stream(g[i]).map(v -> v * v).sum());
        }
        double[] pi = ImportanceSampler.probabilities(norms, k, 0.2);
        double[] avg = new double[dims];
        double sq = 0;
        SplittableRandom rng = new SplittableRandom(5);
        for (int t = 0; t < draws; t++) {
            double[] est = new double[dims];
            for (int i : Sampling.systematic(pi, rng))
                for (int d = 0; d < dims; d++) est[d] += Sampling.horvitzThompson(k, n, pi[i]) * g[i][d] / k;
            for (int d = 0; d < dims; d++) {
                avg[d] += est[d] / draws;
                sq += (est[d] - mean[d]) * (est[d] - mean[d]) / draws;
            }
        }
        double err = 0;
        for (int d = 0; d < dims; d++) err += (avg[d] - mean[d]) * (avg[d] - mean[d]);
        double tol = 5 * Math.sqrt(sq / draws); // 5 standard errors of the mean estimate
        System.out.printf("Horvitz-Thompson: ||mean estimate - mean|| = %.2e, tolerance %.2e (5 s.e. over %d draws), ||mean|| = %.3f%n",
                Math.sqrt(err), tol, draws, Math.sqrt(Arrays.stream(mean).map(v -> v * v).sum()));
        assertTrue(Math.sqrt(err) < tol, "biased: " + Math.sqrt(err) + " >= " + tol);
    }

    static int[] shuffle(int n) {
        return Sampling.permutation(n, new SplittableRandom(11));
    }

    static Scoreboard board(int n, ExampleScores.Measure m) {
        Scoreboard b = new Scoreboard(n, m, 0.5);
        double[] s = skewed(n, 6);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        b.update(idx, new ExampleScores(s, s, s, s, s));
        return b;
    }

    @Test
    void everyStrategyIsSeededDeterministicAndKeepsExactlyK() {
        int n = 1000, epochs = 10;
        for (PruneSpec.Kind kind : PruneSpec.Kind.values()) {
            PruneSpec spec = PruneSpec.of(kind, 0.7);
            Pruner p = Pruner.of(spec);
            EpochPlan a = p.plan(3, epochs, shuffle(n), board(n, p.measure()), new SplittableRandom(21));
            EpochPlan b = p.plan(3, epochs, shuffle(n), board(n, p.measure()), new SplittableRandom(21));
            EpochPlan c = p.plan(3, epochs, shuffle(n), board(n, p.measure()), new SplittableRandom(22));
            assertArrayEquals(a.order(), b.order(), kind + " is not deterministic");
            assertEquals(a.weights() == null, b.weights() == null);
            if (a.weights() != null) assertArrayEquals(a.weights(), b.weights(), 0.0);
            assertEquals(a.order().length, Arrays.stream(a.order()).distinct().count(), kind + " visits an example twice");
            if (kind == PruneSpec.Kind.FULL) {
                assertFalse(a.pruned());
                assertEquals(n, a.visited());
                continue;
            }
            assertFalse(Arrays.equals(a.order(), c.order()), kind + " ignores its seed");
            if (kind != PruneSpec.Kind.INFOBATCH) {
                assertEquals(300, a.visited(), kind + " keeps exactly K");
                assertEquals(0.7, a.realisedRatio(), 1e-12);
            }
            // the kept examples come in the epoch's shuffle order
            int[] pos = new int[n];
            int[] sh = shuffle(n);
            for (int i = 0; i < n; i++) pos[sh[i]] = i;
            for (int j = 1; j < a.visited(); j++) assertTrue(pos[a.order()[j - 1]] < pos[a.order()[j]], kind + " breaks the shuffle order");
        }
    }

    @Test
    void scheduleVisitsAllDataFirstAndLast() {
        PruneSpec s = PruneSpec.of(PruneSpec.Kind.SADP, 0.5); // full first 1, full last 0.125
        boolean[] pruned = new boolean[10];
        for (int e = 0; e < 10; e++) pruned[e] = s.prunes(e, 10);
        assertArrayEquals(new boolean[]{false, true, true, true, true, true, true, true, true, false}, pruned);
        EpochPlan first = Pruner.of(s).plan(0, 10, shuffle(50), board(50, ExampleScores.Measure.BOUND), new SplittableRandom(1));
        assertArrayEquals(shuffle(50), first.order(), "a full-data epoch visits the shuffle unchanged");
        assertFalse(PruneSpec.FULL.prunes(5, 10));
    }

    @Test
    void infoBatchPrunesBelowTheMeanAndReportsItsRealisedRatio() {
        int n = 1000;
        Pruner p = Pruner.of(PruneSpec.of(PruneSpec.Kind.INFOBATCH, 0.5));
        Scoreboard b = board(n, p.measure());
        double[] loss = b.latest(ExampleScores.Measure.LOSS);
        double mean = Arrays.stream(loss).average().orElseThrow();
        long low = Arrays.stream(loss).filter(v -> v < mean).count();
        EpochPlan plan = p.plan(2, 10, shuffle(n), b, new SplittableRandom(3));
        assertEquals(Math.round(0.5 * low), n - plan.visited(), "drops r x |below mean|");
        assertEquals(0.5 * low / n, plan.realisedRatio(), 1.0 / n);
        System.out.printf("InfoBatch at r = 0.5: %d of %d below the mean, realised ratio %.3f%n", low, n, plan.realisedRatio());
        for (int j = 0; j < plan.visited(); j++) {
            int i = plan.order()[j];
            if (loss[i] >= mean) assertEquals(1, plan.weight(j), 0.0);
            else assertEquals((double) low / (low - Math.round(0.5 * low)), plan.weight(j), 1e-12);
        }
    }

    @Test
    void scoreboardSmoothsKeepsUnvisitedScoresAndRoundTripsItsState() {
        Scoreboard b = new Scoreboard(4, ExampleScores.Measure.BOUND, 0.25);
        double[] nan = {Double.NaN, Double.NaN};
        b.update(new int[]{0, 2}, new ExampleScores(new double[]{1, 2}, new double[]{3, 4}, new double[]{8, 4}, nan, nan));
        b.update(new int[]{2}, new ExampleScores(new double[]{5}, new double[]{6}, new double[]{12}, new double[]{Double.NaN}, new double[]{Double.NaN}));
        assertArrayEquals(new double[]{8, Double.NaN, 0.25 * 4 + 0.75 * 12, Double.NaN}, b.scores(), 1e-12);
        assertArrayEquals(new double[]{8, 9, 10, 9}, b.filledScores(), 1e-12);
        assertArrayEquals(new double[]{1, Double.NaN, 5, Double.NaN}, b.latest(ExampleScores.Measure.LOSS), 0.0);
        Scoreboard c = new Scoreboard(4, ExampleScores.Measure.BOUND, 0.25);
        c.restore(b.state());
        assertArrayEquals(b.scores(), c.scores(), 0.0);
        assertArrayEquals(b.latest(ExampleScores.Measure.OUTPUT_ERROR), c.latest(ExampleScores.Measure.OUTPUT_ERROR), 0.0);
    }

    @Test
    void badSpecsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PruneSpec.Kind.of("magic")).getMessage().contains("--prune must be one of"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PruneSpec.of(PruneSpec.Kind.SADP, 1.0)).getMessage().contains("--prune-ratio"));
        assertThrows(IllegalArgumentException.class, () -> PruneSpec.of(PruneSpec.Kind.SADP, -0.1));
        assertThrows(IllegalArgumentException.class, () -> PruneSpec.of(PruneSpec.Kind.SADP, 0.5).withUniformMix(1.5));
        assertEquals(PruneSpec.FULL, PruneSpec.of(PruneSpec.Kind.FULL, 0.5), "full data has one canonical form");
    }
}

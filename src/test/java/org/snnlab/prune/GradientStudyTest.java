package org.snnlab.prune;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.core.ComputeOptions;
import org.snnlab.data.DirectEncoder;
import org.snnlab.data.InMemoryDataset;
import org.snnlab.loss.CrossEntropyMembrane;
import org.snnlab.model.Models;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.LifConfig;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The figures' measurements on an fc LIF net (float, as trained): the scores of a data set (bound >=
 * exact norm for every example), and the Horvitz-Thompson gradient estimate over repeated draws:
 * unbiased (the mean of the draws converges to the full gradient) for every sampling method, with the
 * exact-norm sampler's error below uniform sampling's.
 */
class GradientStudyTest {
    static final int N = 240, IN = 30, CLASSES = 4;

    static InMemoryDataset data() {
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[N * IN];
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = i % CLASSES;
            double gain = i % 5 == 0 ? 2.5 : 1; // some examples drive the net much harder
            for (int j = 0; j < IN; j++) x[i * IN + j] = (float) (gain * r.nextDouble() * (j % CLASSES == y[i] ? 1.5 : 0.7));
        }
        return new InMemoryDataset("synthetic", new long[]{IN}, CLASSES, x, y, "none");
    }

    static GradientStudy study() {
        Sequential net = Models.fc(IN, 24, CLASSES, LifConfig.of(0.9, 1.0), LifConfig.Output.MEMBRANE, DataType.FLOAT, new SplittableRandom(2));
        return new GradientStudy(net, new CrossEntropyMembrane(), new DirectEncoder(), 5, 64, ComputeOptions.defaults());
    }

    static int[] all() {
        int[] idx = new int[N];
        for (int i = 0; i < N; i++) idx[i] = i;
        return idx;
    }

    @Test
    void scoresBoundTheExactNormOfEveryExample() {
        ExampleScores s = study().scores(data(), all(), 3);
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < N; i++) {
            assertTrue(s.exact()[i] > 0, "example " + i);
            assertTrue(s.bound()[i] >= s.exact()[i] * (1 - 1e-5), "example " + i + ": " + s.bound()[i] + " < " + s.exact()[i]);
            assertTrue(s.lastLayer()[i] <= s.exact()[i] * (1 + 1e-5));
            min = Math.min(min, s.bound()[i] / s.exact()[i]);
        }
        System.out.printf("fc float: smallest score / exact norm over %d examples = %.3f%n", N, min);
    }

    @Test
    void theWeightedEstimateIsUnbiasedAndExactNormSamplingBeatsUniform() {
        int draws = 150;
        Map<GradientStudy.Method, GradientStudy.Variance> v = study().variance(data(), all(), 0.5, 0.0, draws, 4);
        for (GradientStudy.Variance x : v.values()) {
            assertEquals(120, x.kept());
            // ||mean of D draws - g||^2 has expectation meanError / D; 4x leaves room for the chance spread
            double tol = 4 * x.meanError() / draws;
            System.out.printf("%-7s r = 0.5: E||g_hat - g||^2 = %.3e (||g||^2 = %.3e), bias^2 = %.2e <= %.2e%n", x.method(), x.meanError(),
                    x.fullNorm(), x.bias(), tol);
            assertTrue(x.bias() <= tol, x.method() + " is biased: " + x.bias() + " > " + tol);
        }
        assertTrue(v.get(GradientStudy.Method.EXACT).meanError() < v.get(GradientStudy.Method.UNIFORM).meanError(),
                "sampling by the exact norm should have the smaller error");
    }
}

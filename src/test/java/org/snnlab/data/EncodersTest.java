package org.snnlab.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Seq;
import org.snnlab.data.LatencyEncoder.BelowThreshold;
import org.snnlab.data.LatencyEncoder.Code;
import org.snnlab.data.LatencyEncoder.Timing;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Direct, rate and latency encoders: layout, statistics, determinism, snnTorch's worked example. */
class EncodersTest {
    private static final float[] X = {0f, 0.1f, 0.25f, 0.5f, 0.9f, 1f};

    /** A batch [2, 1, 3] holding X. */
    private static INDArray batch() {
        return Nd4j.create(X.clone(), new long[]{2, 1, 3}, 'c');
    }

    /** Spikes of input i (flat index within the batch) over the T steps. */
    private static float[] train(Seq s, int i) {
        float[] all = s.data().dup('c').data().asFloat();
        int n = all.length / s.steps();
        float[] out = new float[s.steps()];
        for (int t = 0; t < s.steps(); t++) out[t] = all[t * n + i];
        return out;
    }

    @Test
    void directIsTheBatchItselfAtEveryStep() {
        INDArray b = batch();
        Seq s = new DirectEncoder().encode(b, 7, new SplittableRandom(1));
        assertTrue(s.isStatic());
        assertSame(b, s.data());
        assertEquals(7, s.steps());
        assertEquals(2, s.batch());
    }

    @Test
    void rateFiresAtRateGainTimesXWithinStatisticalTolerance() {
        int T = 4000;
        Seq s = new RateEncoder(1.0).encode(batch(), T, new SplittableRandom(11));
        assertFalse(s.isStatic());
        assertArrayEquals(new long[]{2L * T, 1, 3}, s.data().shape());
        for (int i = 0; i < X.length; i++) {
            int count = 0;
            for (float v : train(s, i)) {
                assertTrue(v == 0f || v == 1f, "binary");
                if (v == 1f) count++;
            }
            double rate = (double) count / T;
            double sigma = Math.sqrt(X[i] * (1 - X[i]) / T);
            assertEquals(X[i], rate, 5 * sigma + 1e-12, "input " + X[i]);
        }
        Seq g = new RateEncoder(2.0).encode(batch(), 500, new SplittableRandom(2));
        for (float v : train(g, 3)) assertEquals(1f, v, "gain 2 at x = 0.5 clamps to p = 1");
    }

    @Test
    void rateIsDeterministicGivenTheRandomStream() {
        RateEncoder e = new RateEncoder(1.0);
        INDArray a = e.encode(batch(), 50, new SplittableRandom(5)).data();
        assertEquals(a, e.encode(batch(), 50, new SplittableRandom(5)).data());
        assertNotEquals(a, e.encode(batch(), 50, new SplittableRandom(6)).data());
        INDArray view = Nd4j.create(new float[]{9, 9, 9, 9, 9, 9, 0f, 0.1f, 0.25f, 0.5f, 0.9f, 1f}, new long[]{4, 1, 3}, 'c')
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4));
        assertEquals(a, e.encode(view, 50, new SplittableRandom(5)).data(), "a view encodes like its copy");
        assertThrows(IllegalArgumentException.class, () -> new RateEncoder(0));
        assertThrows(IllegalArgumentException.class, () -> new RateEncoder(Double.NaN));
    }

    @Test
    void latencyMatchesSnnTorchsWorkedExample() {
        // snntorch spikegen.latency(torch.Tensor([0.02, 0.5, 1]), num_steps=5, normalize=True, linear=True)
        Seq s = new LatencyEncoder(1, 0.01, Code.LINEAR, Timing.NORMALIZED, BelowThreshold.SATURATE)
                .encode(Nd4j.create(new float[]{0.02f, 0.5f, 1f}, 1, 3), 5, null);
        float[][] want = {{0, 0, 1}, {0, 0, 0}, {0, 1, 0}, {0, 0, 0}, {1, 0, 0}};
        for (int t = 0; t < 5; t++) assertArrayEquals(want[t], s.step(t).dup().data().asFloat(), "step " + t);
    }

    @Test
    void latencyBrighterFiresEarlierAtMostOnce() {
        int T = 25;
        for (LatencyEncoder e : new LatencyEncoder[]{LatencyEncoder.linearNormalized(0.01),
                new LatencyEncoder(1, 0.01, Code.LINEAR, Timing.NORMALIZED, BelowThreshold.SATURATE),
                new LatencyEncoder(5, 0.2, Code.LOG, Timing.NORMALIZED, BelowThreshold.SATURATE),
                new LatencyEncoder(5, 0.2, Code.LOG, Timing.RAW, BelowThreshold.CLIP)}) {
            Seq s = e.encode(batch(), T, null);
            int previous = Integer.MAX_VALUE;
            for (int i = 0; i < X.length; i++) {
                float[] tr = train(s, i);
                int count = 0, at = -1;
                for (int t = 0; t < T; t++) {
                    assertTrue(tr[t] == 0f || tr[t] == 1f);
                    if (tr[t] == 1f) {
                        count++;
                        at = t;
                    }
                }
                assertTrue(count <= 1, e.describe() + ": input " + X[i] + " fired " + count + " times");
                assertEquals(e.spikeStep(X[i], T), at, e.describe() + " x=" + X[i]);
                if (at >= 0) {
                    assertTrue(at <= previous, e.describe() + ": brighter input " + X[i] + " fires at " + at + " after " + previous);
                    previous = at;
                }
            }
            if (e.timing() == Timing.NORMALIZED) assertEquals(0, e.spikeStep(1.0, T), e.describe() + ": x = 1 fires at step 0");
        }
    }

    @Test
    void latencyBelowThresholdFiresLastOrNotAtAllWhenClipped() {
        int T = 10;
        assertEquals(T - 1, new LatencyEncoder(1, 0.01, Code.LINEAR, Timing.NORMALIZED, BelowThreshold.SATURATE).spikeStep(0, T));
        assertEquals(-1, new LatencyEncoder(1, 0.01, Code.LINEAR, Timing.NORMALIZED, BelowThreshold.CLIP).spikeStep(0, T));
        assertEquals(T - 1, new LatencyEncoder(3, 0.1, Code.LOG, Timing.NORMALIZED, BelowThreshold.SATURATE).spikeStep(0.05, T));
        assertEquals(-1, new LatencyEncoder(3, 0.1, Code.LOG, Timing.NORMALIZED, BelowThreshold.CLIP).spikeStep(0.05, T));
        assertEquals(-1, new LatencyEncoder(3, 0.1, Code.LOG, Timing.RAW, BelowThreshold.SATURATE).spikeStep(0.05, T),
                "past T-1: dropped");
        // log code, not normalised: t = tau ln(x / (x - thr)) = 5 ln(0.5 / 0.3) = 2.554 -> step 3
        assertEquals(3, new LatencyEncoder(5, 0.2, Code.LOG, Timing.RAW, BelowThreshold.SATURATE).spikeStep(0.5, T));
        assertEquals(0, new LatencyEncoder(1, 0.01, Code.LINEAR, Timing.NORMALIZED, BelowThreshold.CLIP).spikeStep(1.7, T),
                "linear clamps x to 1");
        assertThrows(IllegalArgumentException.class,
                () -> new LatencyEncoder(1, 0, Code.LINEAR, Timing.NORMALIZED, BelowThreshold.SATURATE));
        assertThrows(IllegalArgumentException.class,
                () -> new LatencyEncoder(0, 0.1, Code.LINEAR, Timing.NORMALIZED, BelowThreshold.SATURATE));
        assertThrows(NullPointerException.class, () -> new LatencyEncoder(1, 0.1, null, Timing.NORMALIZED, BelowThreshold.CLIP));
    }

    @Test
    void parseNamesEveryEncoder() {
        assertInstanceOf(DirectEncoder.class, Encoders.parse("direct"));
        assertEquals(new RateEncoder(1), Encoders.parse("rate"));
        assertEquals(new RateEncoder(0.5), Encoders.parse(" Rate:0.5 "));
        assertEquals(LatencyEncoder.linearNormalized(0.01), Encoders.parse("latency"));
        assertEquals(LatencyEncoder.linearNormalized(0.2), Encoders.parse("latency:0.2"));
        assertEquals(new LatencyEncoder(4, 0.01, Code.LOG, Timing.NORMALIZED, BelowThreshold.CLIP), Encoders.parse("latency-log:4"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Encoders.parse("poisson"));
        assertTrue(e.getMessage().contains("poisson") && e.getMessage().contains("rate[:gain]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Encoders.parse("rate:x")).getMessage().contains("'x'"));
        assertEquals("rate(gain=0.5)", Encoders.parse("rate:0.5").describe());
    }
}

package org.snnlab.neuron;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ActivityStats;
import org.snnlab.core.Layer;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every neuron layer and LIF kernel reports per-step per-example spike counts from its forward pass
 * ({@link ActivityStats#recordSteps}): they equal the spikes of its output counted by hand, sum to the
 * per-example counts of {@link ActivityStats#record}, and agree across the ND4J, fused and SIMD kernels.
 * A sink written before the method existed keeps working (default no-op). Also: every surrogate's
 * {@link Surrogate#maxGrad} is its derivative's supremum.
 */
class PerStepStatsTest {
    static final int T = 5, B = 7, N = 13;

    static final class Sink implements ActivityStats {
        final Map<String, double[]> perExample = new HashMap<>(), perStep = new HashMap<>();

        public void record(String layer, INDArray perNeuron, INDArray e, int steps) { perExample.put(layer, e.castTo(DataType.DOUBLE).toDoubleVector()); }

        public void recordSteps(String layer, INDArray s) { perStep.put(layer, s.castTo(DataType.DOUBLE).reshape(s.length()).toDoubleVector()); }
    }

    static Seq input() {
        SplittableRandom r = new SplittableRandom(3);
        INDArray x = Nd4j.create(DataType.FLOAT, (long) T * B, N);
        for (long i = 0; i < x.length(); i++) x.putScalar(i, 1.2 * r.nextDouble());
        return Seq.of(x, T);
    }

    static double[] countByHand(INDArray spikes) {
        double[] c = new double[T * B];
        for (int row = 0; row < T * B; row++) c[row] = spikes.getRow(row).sumNumber().doubleValue();
        return c;
    }

    static double[] check(Layer layer, String name) {
        layer.bindName(name);
        Sink sink = new Sink();
        Seq out = layer.forward(input(), new Pass(true, new SplittableRandom(1), sink)).output();
        double[] steps = sink.perStep.get(name);
        assertArrayEquals(countByHand(out.data().reshape('c', (long) T * B, N)), steps, 1e-6, name);
        double[] sum = new double[B];
        for (int t = 0; t < T; t++) for (int i = 0; i < B; i++) sum[i] += steps[t * B + i];
        assertArrayEquals(sink.perExample.get(name), sum, 1e-6, name + ": per-step counts sum to the per-example ones");
        assertTrue(java.util.Arrays.stream(steps).sum() > 0, name + " spiked");
        return steps;
    }

    @Test
    void everyNeuronAndKernelReportsPerStepCounts() {
        LifConfig c = LifConfig.of(0.9, 1.0);
        double[] nd4j = check(new Lif(N, c, DataType.FLOAT).withKernel(new Nd4jLifKernel()), "nd4j");
        assertArrayEquals(nd4j, check(new Lif(N, c, DataType.FLOAT).withKernel(new FusedLifKernel()), "fused"), 0.0);
        assertArrayEquals(nd4j, check(new Lif(N, c, DataType.FLOAT).withKernel(new VectorLifKernel()), "vector"), 0.0);
        check(CubaLif.rouser(N, false, DataType.FLOAT), "cuba");
        check(new RecurrentLif(N, c, DataType.FLOAT, new SplittableRandom(2)), "recurrent");
    }

    @Test
    void aSinkWithoutTheNewMethodStillWorksAndSinksChain() {
        int[] calls = new int[1];
        ActivityStats old = (l, n, e, t) -> calls[0]++;
        Sink sink = new Sink();
        new Lif(N, LifConfig.of(0.9, 1.0), DataType.FLOAT).forward(input(), new Pass(true, new SplittableRandom(1), old.andThen(sink)));
        assertEquals(1, calls[0]);
        assertEquals(1, sink.perStep.size());
    }

    @Test
    void maxGradIsTheSupremumOfEverySurrogate() {
        for (Surrogate s : SurrogateTest.ALL) {
            double sup = 0;
            for (double x = -3; x <= 3; x += 1e-4) sup = Math.max(sup, s.grad(x));
            assertTrue(sup <= s.maxGrad() * (1 + 1e-12), s.describe() + ": grad reaches " + sup + " > maxGrad " + s.maxGrad());
            assertEquals(s.maxGrad(), sup, 1e-3 * s.maxGrad(), s.describe() + ": maxGrad is attained");
        }
    }
}

package org.snnlab.prune;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.layer.Dense;
import org.snnlab.loss.CrossEntropyCount;
import org.snnlab.loss.CrossEntropyMembrane;
import org.snnlab.loss.Loss;
import org.snnlab.loss.LossResult;
import org.snnlab.loss.MseCount;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.CubaLif;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.ResetMode;
import org.snnlab.neuron.Surrogates;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spike-aware score against the exact per-example gradient norm, in double precision on small LIF
 * nets: the exact norm of example i is the norm of the gradient of a backward pass over example i
 * alone. Checked: score >= exact norm for every example (the smallest ratio is printed), the
 * last-layer term equals the exact last-layer gradient norm to 1e-9, the ghost norms equal the exact
 * norms to 1e-9, the scores ignore the batch's loss weights, and the nets the bound does not hold for
 * are refused.
 */
class SpikeAwareBoundTest {
    static final int T = 6, B = 12;

    /** Dense/Lif layers {@code sizes[0] -> sizes[1] -> ...}, the last LIF emitting {@code readout}. */
    static Sequential net(int[] sizes, LifConfig hidden, LifConfig.Output readout, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Layer> ls = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            Dense d = new Dense(sizes[l - 1], sizes[l], true, DataType.DOUBLE, rng);
            d.weight().value().muli(3); // enough current for spikes in every layer
            ls.add(d);
            LifConfig c = l == sizes.length - 1 ? hidden.withOutput(readout) : hidden;
            ls.add(new Lif(sizes[l], c, DataType.DOUBLE));
        }
        return new Sequential(ls);
    }

    static Seq staticInput(int in, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        INDArray x = Nd4j.create(DataType.DOUBLE, B, in);
        for (long i = 0; i < x.length(); i++) x.putScalar(i, r.nextDouble());
        return Seq.constant(x, T);
    }

    static Seq spikeInput(int in, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        INDArray x = Nd4j.create(DataType.DOUBLE, (long) T * B, in);
        for (long i = 0; i < x.length(); i++) x.putScalar(i, r.nextDouble() < 0.3 ? 1 : 0);
        return Seq.of(x, T);
    }

    static int[] labels(int classes) {
        int[] y = new int[B];
        for (int i = 0; i < B; i++) y[i] = (i * 7 + 3) % classes;
        return y;
    }

    /** Example i alone: static rows i, or rows t*B + i of every step. */
    static Seq example(Seq x, int i) {
        if (x.isStatic()) return Seq.constant(x.data().getRows(i).dup(), T);
        int[] rows = new int[T];
        for (int t = 0; t < T; t++) rows[t] = t * B + i;
        return Seq.of(x.data().getRows(rows).dup(), T);
    }

    /** {exact ||dl_i/dtheta||, exact ||dl_i/d(last Dense)||} from a backward pass over example i alone. */
    static double[] exactNorms(Sequential m, Loss loss, Seq x, int[] y, int i) {
        Sequential.Trace tr = m.forward(example(x, i), Pass.train(1));
        LossResult r = loss.evaluate(tr.output(), new int[]{y[i]}, null);
        m.zeroGrad();
        tr.backward(r.gradient(), false);
        double all = 0, last = 0;
        String lastDense = m.names().get(m.layers().size() - 2);
        for (Param p : m.params()) {
            double sq = p.grad().mul(p.grad()).sumNumber().doubleValue();
            all += sq;
            if (p.name().startsWith(lastDense + ".")) last += sq;
        }
        return new double[]{Math.sqrt(all), Math.sqrt(last)};
    }

    /** The batch's scores through the probe, with loss weights {@code w} (null = 1). */
    static ExampleScores probed(Sequential m, Loss loss, Seq x, int[] y, double[] w) {
        ExampleScorer.Probe probe = new ExampleScorer(m, true, true).probe();
        Sequential.Trace tr = m.forward(x, new Pass(true, new SplittableRandom(1), probe));
        LossResult r = loss.evaluate(tr.output(), y, w);
        probe.lossDone(tr, x, r, w);
        m.zeroGrad();
        tr.backward(r.gradient(), false, probe);
        return probe.finish();
    }

    /** Runs every check on one configuration and returns the smallest score / exact-norm ratio. */
    static double check(String what, Sequential m, Loss loss, Seq x, int classes) {
        int[] y = labels(classes);
        ExampleScores s = probed(m, loss, x, y, null);
        double[] w = new double[B];
        for (int i = 0; i < B; i++) w[i] = 0.5 + i * 0.25;
        ExampleScores sw = probed(m, loss, x, y, w);
        double minRatio = Double.POSITIVE_INFINITY, maxRatio = 0;
        int withGradient = 0;
        for (int i = 0; i < B; i++) {
            double[] ex = exactNorms(m, loss, x, y, i);
            if (ex[0] > 0) withGradient++;
            assertEquals(ex[1], s.lastLayer()[i], 1e-9 * Math.max(1, ex[1]), what + ": last-layer term of example " + i);
            assertEquals(ex[0], s.exact()[i], 1e-9 * Math.max(1, ex[0]), what + ": ghost norm of example " + i);
            assertTrue(s.bound()[i] >= ex[0] * (1 - 1e-12), what + ": bound " + s.bound()[i] + " < exact norm " + ex[0] + " of example " + i);
            assertEquals(s.bound()[i], sw.bound()[i], 1e-9 * s.bound()[i], what + ": the loss weight leaked into the score");
            assertEquals(s.exact()[i], sw.exact()[i], 1e-9 * s.exact()[i], what + ": the loss weight leaked into the exact norm");
            if (ex[0] == 0) continue; // an mse target hit exactly: nothing to bound
            minRatio = Math.min(minRatio, s.bound()[i] / ex[0]);
            maxRatio = Math.max(maxRatio, s.bound()[i] / ex[0]);
        }
        assertTrue(withGradient >= B / 2, what + ": only " + withGradient + " examples have a gradient");
        System.out.printf("spike-aware bound, %s: score / exact norm in [%.4f, %.4f] over %d examples%n", what, minRatio, maxRatio, B);
        return minRatio;
    }

    @Test
    void fcWithMembraneReadoutAndDirectInput() {
        LifConfig lif = LifConfig.of(0.9, 1.0); // the fc defaults: subtract reset through which BPTT flows, fast sigmoid 25
        double r = check("fc 20-16-4 ce-mem, direct input", net(new int[]{20, 16, 4}, lif, LifConfig.Output.MEMBRANE, 1),
                new CrossEntropyMembrane(), staticInput(20, 2), 4);
        assertTrue(r >= 1);
    }

    @Test
    void threeLayersWithSpikeInputSpikeReadoutAndDetachedReset() {
        LifConfig lif = LifConfig.of(0.8, 0.5).withDetachReset(true).withSurrogate(Surrogates.atan(2));
        check("3 Dense 15-12-10-3 ce-count, spike input, detached reset, atan", net(new int[]{15, 12, 10, 3}, lif, LifConfig.Output.SPIKES, 3),
                new CrossEntropyCount(), spikeInput(15, 4), 3);
    }

    @Test
    void zeroResetDetachedAndNoReset() {
        LifConfig zero = LifConfig.of(0.95, 0.6).withReset(ResetMode.ZERO).withDetachReset(true).withSurrogate(Surrogates.triangle(3));
        check("zero reset detached, mse-count", net(new int[]{10, 8, 6, 3}, zero, LifConfig.Output.SPIKES, 5),
                new MseCount(0.8, 0.2), spikeInput(10, 6), 3);
        LifConfig none = LifConfig.of(0.7, 1.0).withReset(ResetMode.NONE).withSurrogate(Surrogates.sigmoid(4));
        check("no reset, ce-mem", net(new int[]{10, 8, 3}, none, LifConfig.Output.MEMBRANE, 7), new CrossEntropyMembrane(), staticInput(10, 8), 3);
    }

    @Test
    void aStrongResetTermStillBounds() { // theta gamma > 2 beta: rho = theta gamma - beta > beta
        LifConfig lif = LifConfig.of(0.5, 1.0).withSurrogate(Surrogates.rectangle(0.5, 1.5));
        check("theta gamma - beta = 1 > beta", net(new int[]{12, 10, 3}, lif, LifConfig.Output.MEMBRANE, 9), new CrossEntropyMembrane(),
                staticInput(12, 10), 3);
    }

    @Test
    void netsTheBoundDoesNotHoldForAreRefusedWithOneLine() {
        LifConfig zeroKept = LifConfig.of(0.9, 1.0).withReset(ResetMode.ZERO);
        var e = assertThrows(IllegalArgumentException.class, () -> new SpikeAwareBound(net(new int[]{4, 3, 2}, zeroKept, LifConfig.Output.SPIKES, 1)));
        assertTrue(e.getMessage().contains("resets to zero") && !e.getMessage().contains("\n"), e.getMessage());
        SplittableRandom rng = new SplittableRandom(1);
        Sequential cuba = new Sequential(List.of(new Dense(4, 3, true, DataType.DOUBLE, rng), CubaLif.rouser(3, false, DataType.DOUBLE)));
        assertThrows(IllegalArgumentException.class, () -> new SpikeAwareBound(cuba));
        LifConfig learn = LifConfig.of(0.9, 1.0).withLearnThreshold(true);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SpikeAwareBound(net(new int[]{4, 3, 2}, learn, LifConfig.Output.SPIKES, 1)))
                .getMessage().contains("trainable threshold"));
        Sequential cubaLearn = new Sequential(List.of(new Dense(4, 3, true, DataType.DOUBLE, rng), CubaLif.rouser(3, true, DataType.DOUBLE)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ExampleScorer(cubaLearn, false, true)).getMessage().contains("Dense"));
    }
}

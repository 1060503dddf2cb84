package org.snnlab.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.core.Workspace;
import org.snnlab.layer.AvgPool2d;
import org.snnlab.layer.BatchNorm;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.layer.Flatten;
import org.snnlab.loss.CrossEntropyCount;
import org.snnlab.loss.CrossEntropyMembrane;
import org.snnlab.loss.Loss;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.ResetMode;
import org.snnlab.train.TrainStep;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checkpointed time loop computes the plain path's loss, predictions and every parameter
 * gradient: every reset mode, detached or not, trainable thresholds and leaks, spike and membrane
 * readouts, static and time-varying inputs, intervals that do and do not divide T, on the SIMD, fused
 * and ND4J kernels (float) and on ND4J in double, inside step workspaces as in training.
 */
class TimeCheckpointTest {
    static final int T = 10, B = 4, IN = 12, H = 16, C = 3;

    static Sequential fc(LifConfig lif, LifConfig.Output readout, DataType dt) {
        SplittableRandom rng = new SplittableRandom(3);
        return new Sequential(List.of(new Dense(IN, H, true, dt, rng), new Lif(H, lif, dt),
                new Dense(H, C, true, dt, rng), new Lif(C, lif.withOutput(readout), dt)));
    }

    static Seq spikes(DataType dt, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[T * B * IN];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble() < 0.3 ? 1 : 0;
        return Seq.of(Nd4j.create(v, new long[]{(long) T * B, IN}, 'c').castTo(dt), T);
    }

    static final int[] LABELS = {0, 2, 1, 2};

    /** Loss, predictions and parameter gradients (copies) of one step. */
    record Step(double loss, int[] predicted, List<INDArray> grads) { }

    static Step step(Sequential net, Loss loss, Seq x, ComputeOptions compute) {
        Supplier<Step> body = () -> {
            TrainStep.Result r = TrainStep.run(net, loss, x, LABELS, Pass.train(1).withCompute(compute), TrainStep.LossCheck.NONE);
            List<INDArray> g = new ArrayList<>();
            for (Param p : net.params()) if (p.isTrainable()) g.add(p.grad().dup().detach());
            return new Step(r.loss(), r.predicted(), g);
        };
        return Workspace.step("ckpt-test", compute, body);
    }

    static void assertSame(Step plain, Step ckpt, double tol, String what) {
        assertEquals(plain.loss(), ckpt.loss(), tol * Math.max(1, Math.abs(plain.loss())), what + ": loss");
        assertArrayEquals(plain.predicted(), ckpt.predicted(), what + ": predictions");
        assertEquals(plain.grads().size(), ckpt.grads().size());
        for (int i = 0; i < plain.grads().size(); i++) {
            INDArray a = plain.grads().get(i), b = ckpt.grads().get(i);
            double scale = Math.max(1e-3, a.amaxNumber().doubleValue());
            double diff = a.sub(b).amaxNumber().doubleValue();
            assertTrue(diff <= tol * scale, what + ": gradient " + i + " differs by " + diff + " (scale " + scale + ")");
        }
    }

    static List<ComputeOptions> kernels() {
        ComputeOptions d = ComputeOptions.defaults();
        return List.of(d, d.withVector(false), d.withFused(false));
    }

    @Test
    void everyResetModeAndIntervalGivesThePlainGradients() {
        for (ComputeOptions compute : kernels())
            for (ResetMode reset : ResetMode.values())
                for (boolean detach : new boolean[]{false, true}) {
                    LifConfig lif = LifConfig.of(0.85, 0.6).withReset(reset).withDetachReset(detach)
                            .withLearnThreshold(true).withLearnBeta(true);
                    Sequential net = fc(lif, LifConfig.Output.SPIKES, DataType.FLOAT);
                    Seq x = spikes(DataType.FLOAT, 7);
                    Step plain = step(net, new CrossEntropyCount(), x, compute);
                    assertTrue(plain.grads().get(0).amaxNumber().doubleValue() > 0, "the net must learn something");
                    for (int k : new int[]{1, 3, 4, 5})
                        assertSame(plain, step(net, new CrossEntropyCount(), x, compute.withTimeCheckpoint(k)), 2e-5,
                                compute.cpuKernels() + " " + reset + " detach=" + detach + " every " + k);
                }
    }

    @Test
    void doublePrecisionMembraneReadoutMatchesClosely() {
        ComputeOptions nd4j = ComputeOptions.defaults().withFused(false);
        for (ResetMode reset : ResetMode.values()) {
            LifConfig lif = LifConfig.of(0.9, 0.5).withReset(reset).withLearnThreshold(true).withLearnBeta(true);
            Sequential net = fc(lif, LifConfig.Output.MEMBRANE, DataType.DOUBLE);
            Seq x = spikes(DataType.DOUBLE, 9);
            Step plain = step(net, new CrossEntropyMembrane(), x, nd4j);
            assertSame(plain, step(net, new CrossEntropyMembrane(), x, nd4j.withTimeCheckpoint(3)), 1e-12, "double " + reset);
        }
    }

    @Test
    void staticImageThroughConvolutionMatches() {
        SplittableRandom rng = new SplittableRandom(5);
        LifConfig lif = LifConfig.of(0.9, 0.4);
        Sequential net = new Sequential(List.of(new Conv2d(1, 4, 3, 1, 0, true, DataType.FLOAT, rng), new AvgPool2d(2),
                new Lif(4 * 3 * 3, lif, DataType.FLOAT), new Flatten(), new Dense(36, C, true, DataType.FLOAT, rng),
                new Lif(C, lif, DataType.FLOAT)));
        Seq x = Seq.constant(Nd4j.rand(DataType.FLOAT, B, 1, 8, 8).muli(2), T);
        for (ComputeOptions compute : kernels()) {
            Step plain = step(net, new CrossEntropyCount(), x, compute);
            for (int k : new int[]{2, 3})
                assertSame(plain, step(net, new CrossEntropyCount(), x, compute.withTimeCheckpoint(k)), 2e-5,
                        "conv " + compute.cpuKernels() + " every " + k);
        }
    }

    @Test
    void layersThatCoupleStepsAreRefusedByName() {
        SplittableRandom rng = new SplittableRandom(1);
        Sequential net = new Sequential(List.of(new Dense(IN, H, true, DataType.FLOAT, rng), new BatchNorm(H, 1e-5, 0.1, DataType.FLOAT),
                new Lif(H, LifConfig.of(0.9, 1), DataType.FLOAT)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeCheckpoint.check(net));
        assertTrue(e.getMessage().contains("1_BatchNorm"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ComputeOptions.fromProperties(n -> n.equals(ComputeOptions.TIME_CHECKPOINT) ? "ten" : null, ComputeOptions.Backend.CPU));
        assertEquals(10, ComputeOptions.fromProperties(n -> n.equals(ComputeOptions.TIME_CHECKPOINT) ? "10" : null,
                ComputeOptions.Backend.CPU).timeCheckpoint());
    }
}

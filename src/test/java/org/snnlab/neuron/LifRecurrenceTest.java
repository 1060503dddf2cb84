package org.snnlab.neuron;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.testing.GradCheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Tier 1: LIF recurrences small enough to check by hand, on both kernels. */
class LifRecurrenceTest {
    static final double[] INPUT = {0.6, 0.6, 0.6, 1.5, 0, 0};

    static double[][] run(LifConfig cfg, LifKernel kernel, DataType dt) {
        INDArray x = Nd4j.createFromArray(INPUT).castTo(dt).reshape(INPUT.length, 1);
        Lif lif = new Lif(1, cfg.withOutput(LifConfig.Output.MEMBRANE), dt).withKernel(kernel);
        double[] mem = GradCheck.values(lif.forward(Seq.of(x, INPUT.length), Pass.eval()).output().data());
        Lif lif2 = new Lif(1, cfg, dt).withKernel(kernel);
        double[] spk = GradCheck.values(lif2.forward(Seq.of(x, INPUT.length), Pass.eval()).output().data());
        return new double[][]{mem, spk};
    }

    static void check(LifConfig cfg, double[] mem, double[] spk) {
        for (LifKernel k : new LifKernel[]{new Nd4jLifKernel(), new FusedLifKernel()}) {
            DataType dt = k instanceof FusedLifKernel ? DataType.FLOAT : DataType.DOUBLE;
            double[][] r = run(cfg, k, dt);
            assertArrayEquals(mem, r[0], 1e-6, k.getClass().getSimpleName() + " membrane");
            assertArrayEquals(spk, r[1], 0, k.getClass().getSimpleName() + " spikes");
        }
    }

    @Test
    void subtractReset() {
        // u0 = .6; u1 = .5*.6+.6 = .9; u2 = .45+.6 = 1.05 (spike); u3 = .525+1.5-1 = 1.025 (spike);
        // u4 = .5125+0-1 = -.4875; u5 = -.24375
        check(LifConfig.of(0.5, 1.0), new double[]{0.6, 0.9, 1.05, 1.025, -0.4875, -0.24375},
                new double[]{0, 0, 1, 1, 0, 0});
    }

    @Test
    void zeroReset() {
        // u2 = 1.05 spikes; u3 = .5*1.05*(1-1) + 1.5 = 1.5 spikes; u4 = 0; u5 = 0
        check(LifConfig.of(0.5, 1.0).withReset(ResetMode.ZERO), new double[]{0.6, 0.9, 1.05, 1.5, 0, 0},
                new double[]{0, 0, 1, 1, 0, 0});
    }

    @Test
    void noReset() {
        // u3 = .525 + 1.5 = 2.025; u4 = 1.0125; u5 = .50625
        check(LifConfig.of(0.5, 1.0).withReset(ResetMode.NONE), new double[]{0.6, 0.9, 1.05, 2.025, 1.0125, 0.50625},
                new double[]{0, 0, 1, 1, 1, 0});
    }

    @Test
    void integrateAndFire() {
        // beta 1: u1 = 1.2 spikes; u2 = 1.2+.6-1 = .8; u3 = 2.3 spikes; u4 = 1.3 spikes; u5 = .3
        check(LifConfig.integrateAndFire(1.0), new double[]{0.6, 1.2, 0.8, 2.3, 1.3, 0.3},
                new double[]{0, 1, 0, 1, 1, 0});
    }

    @Test
    void thresholdIsStrict() {
        // H(x) = [x > 0] (snnTorch): IF on 0.5, 0.5, 0.5: u0 = .5; u1 = 1.0 = theta does NOT spike;
        // u2 = 1.5 spikes. Inputs of 0.5 make the sums exact in float too.
        INDArray x = Nd4j.createFromArray(0.5, 0.5, 0.5).reshape(3, 1);
        for (LifKernel k : new LifKernel[]{new Nd4jLifKernel(), new FusedLifKernel()}) {
            DataType dt = k instanceof FusedLifKernel ? DataType.FLOAT : DataType.DOUBLE;
            Lif lif = new Lif(1, LifConfig.integrateAndFire(1.0), dt).withKernel(k);
            double[] spk = GradCheck.values(lif.forward(Seq.of(x.castTo(dt), 3), Pass.eval()).output().data());
            assertArrayEquals(new double[]{0, 0, 1}, spk, 0, k.getClass().getSimpleName());
        }
    }

    @Test
    void bothKernelsStaticEqualsExpandedAndRepeatPassesAgreeIncludingGradients() {
        for (LifKernel k : new LifKernel[]{new Nd4jLifKernel(), new FusedLifKernel()})
            for (ResetMode r : ResetMode.values()) {
                DataType dt = k instanceof FusedLifKernel ? DataType.FLOAT : DataType.DOUBLE;
                String what = k.getClass().getSimpleName() + " " + r;
                INDArray x = GradCheck.random(new long[]{3, 4}, 9).addi(0.6).castTo(dt);
                Lif lif = new Lif(4, LifConfig.of(0.9, 1.0).withReset(r).withLearnThreshold(true).withLearnBeta(true), dt)
                        .withKernel(k);
                var st = lif.forward(Seq.constant(x, 7), Pass.eval());
                var ex = lif.forward(Seq.constant(x, 7).expand(), Pass.eval());
                assertArrayEquals(GradCheck.values(st.output().data()), GradCheck.values(ex.output().data()), 0, what);
                INDArray g = GradCheck.random(st.output().data().shape(), 2).castTo(dt);
                double[] gStatic = GradCheck.values(st.backward(Seq.of(g.dup(), 7), true).data());
                double[] gExpanded = GradCheck.values(ex.backward(Seq.of(g.dup(), 7), true).sumOverTime().data());
                assertArrayEquals(gExpanded, gStatic, 1e-5, what + " static input gradient = summed expanded one");
                // two identical passes: same outputs and the same parameter gradients (nothing carried over)
                double[][] first = passAndGrads(lif, Seq.of(Seq.constant(x, 7).expand().data().muli(1.3), 7), g);
                double[][] second = passAndGrads(lif, Seq.of(Seq.constant(x, 7).expand().data().muli(1.3), 7), g);
                for (int i = 0; i < first.length; i++) assertArrayEquals(first[i], second[i], 0, what + " repeat " + i);
            }
    }

    static double[][] passAndGrads(Lif lif, Seq in, INDArray g) {
        lif.params().forEach(p -> p.zeroGrad());
        var f = lif.forward(in, Pass.eval());
        double[] gi = GradCheck.values(f.backward(Seq.of(g.dup(), in.steps()), true).data());
        return new double[][]{GradCheck.values(f.output().data()), gi,
                GradCheck.values(lif.params().get(0).grad()), GradCheck.values(lif.params().get(1).grad())};
    }

    @Test
    void staticInputEqualsExpandedInputAndNothingLeaksBetweenPasses() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4).muli(0.8);
        Lif lif = new Lif(4, LifConfig.of(0.9, 1.0), DataType.FLOAT);
        double[] a = GradCheck.values(lif.forward(Seq.constant(x, 7), Pass.eval()).output().data());
        double[] b = GradCheck.values(lif.forward(Seq.constant(x, 7).expand(), Pass.eval()).output().data());
        double[] c = GradCheck.values(lif.forward(Seq.constant(x, 7), Pass.eval()).output().data());
        assertArrayEquals(a, b, 0);
        assertArrayEquals(a, c, 0, "a second pass must start from rest");
    }
}

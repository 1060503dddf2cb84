package org.snnlab.interop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.layer.SumPool2d;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.layer.AvgPool2d;
import org.snnlab.layer.BatchNorm;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.layer.Dropout;
import org.snnlab.layer.Flatten;
import org.snnlab.layer.WeightQuantizer;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.CubaLif;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.RecurrentLif;
import org.snnlab.neuron.ResetMode;
import org.snnlab.neuron.Surrogates;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Export then import gives the same network: identical spikes on the same input, for every node type. */
class NirRoundTripTest {
    private static final int T = 8, B = 4;
    private static final DataType F = DataType.FLOAT;

    @TempDir
    Path dir;

    private static SplittableRandom rng() { return new SplittableRandom(7); }

    /** Binary spikes [T*B, shape...] with firing probability p. */
    private static INDArray spikes(double p, long... shape) {
        long[] s = new long[shape.length + 1];
        s[0] = (long) T * B;
        System.arraycopy(shape, 0, s, 1, shape.length);
        Nd4j.getRandom().setSeed(11);
        return Nd4j.rand(F, s).lt(p).castTo(F);
    }

    private static INDArray run(Sequential net, INDArray x) {
        return net.forward(Seq.of(x, T), Pass.eval()).output().data();
    }

    /** Round trip through a file; asserts the imported net gives the same output exactly; returns it. */
    private NirImport.Imported roundTrip(Sequential net, long[] inputShape, INDArray x, String name) {
        Path f = dir.resolve(name + ".nir");
        Nir.export(net, inputShape, f);
        NirImport.Imported m = Nir.load(f);
        assertArrayEquals(inputShape, m.inputShape());
        INDArray a = run(net, x), b = run(m.net(), x);
        assertArrayEquals(a.shape(), b.shape());
        assertEquals(a, b, name + ": outputs differ after the round trip");
        assertTrue(a.amaxNumber().doubleValue() > 0, name + ": the test input must drive the network");
        return m;
    }

    private static void randomThresholds(INDArray theta, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(3);
        for (long i = 0; i < theta.length(); i++) theta.putScalar(i, lo + (hi - lo) * r.nextDouble());
    }

    @Test
    void affineLifWithSubtractResetAndPerNeuronThresholds() {
        Lif lif = new Lif(20, LifConfig.of(0.9, 0.5), F);
        randomThresholds(lif.threshold(), 0.2, 0.8);
        Sequential net = new Sequential(List.of(new Dense(30, 20, true, F, rng()), lif,
                new Dense(20, 5, true, F, rng()), new Lif(5, LifConfig.of(0.8, 0.3).withOutput(LifConfig.Output.MEMBRANE).withReset(ResetMode.NONE), F)));
        NirImport.Imported m = roundTrip(net, new long[]{30}, spikes(0.3, 30), "affine-lif-li");
        Lif back = (Lif) m.net().layers().get(1);
        assertEquals(ResetMode.SUBTRACT, back.config().reset());
        assertEquals(lif.threshold(), back.threshold());
        assertEquals(LifConfig.Output.MEMBRANE, ((Lif) m.net().layers().get(3)).config().output());
    }

    @Test
    void linearIfAndIntegratorReadout() {
        Sequential net = new Sequential(List.of(new Dense(16, 12, false, F, rng()),
                new Lif(12, LifConfig.integrateAndFire(0.4).withReset(ResetMode.ZERO), F),
                new Dense(12, 3, false, F, rng()), new Lif(3, LifConfig.integrateAndFire(1).withReset(ResetMode.NONE).withOutput(LifConfig.Output.MEMBRANE), F)));
        Path f = dir.resolve("if.nir");
        NirGraph g = Nir.export(net, new long[]{16}, f);
        assertEquals("Linear", g.nodes().get("0_Dense").type());
        assertEquals("IF", g.nodes().get("1_Lif").type());
        assertEquals("I", g.nodes().get("3_Lif").type());
        roundTrip(net, new long[]{16}, spikes(0.4, 16), "if");
    }

    @Test
    void convAvgPoolSumPoolFlatten() {
        Sequential net = new Sequential(List.of(new AvgPool2d(2), new Conv2d(2, 4, 3, 1, 1, true, F, rng()),
                new Lif(4 * 6 * 6, LifConfig.of(0.9, 0.3).withReset(ResetMode.ZERO), F), new SumPool2d(2),
                new Conv2d(4, 3, 3, 2, 0, false, F, rng()), new Lif(3, LifConfig.of(0.9, 0.2), F), new Flatten(),
                new Dense(3, 4, true, F, rng()), new Lif(4, LifConfig.of(0.95, 0.1), F)));
        NirGraph g = NirExport.graph(net, new long[]{2, 12, 12}, NirExport.Options.defaults());
        assertEquals("SumPool2d", g.nodes().get("3_SumPool2d").type());
        assertArrayEquals(new long[]{4, 2, 3, 3}, ((NirArray) g.nodes().get("1_Conv2d").fields().get("weight")).shape());
        assertArrayEquals(new long[]{4, 6, 6}, ((NirArray) g.nodes().get("2_Lif").fields().get("v_threshold")).shape());
        NirImport.Imported m = roundTrip(net, new long[]{2, 12, 12}, spikes(0.5, 2, 12, 12), "conv");
        assertInstanceOf(SumPool2d.class, m.net().layers().get(3));
        assertEquals(null, ((Conv2d) m.net().layers().get(4)).bias(), "a conv without bias stays without bias");
    }

    @Test
    void cubaLifWithTrainedThresholds() {
        CubaLif c1 = CubaLif.rouser(25, true, F), c2 = CubaLif.rouser(6, true, F);
        randomThresholds(c1.voltage().threshold(), 0.3, 0.9);
        Sequential net = new Sequential(List.of(new Flatten(), new Dense(2 * 5 * 5, 25, false, F, rng()), c1,
                new Dense(25, 6, false, F, rng()), c2));
        NirImport.Imported m = roundTrip(net, new long[]{2, 5, 5}, spikes(0.4, 2, 5, 5), "cuba");
        CubaLif back = (CubaLif) m.net().layers().get(2);
        assertEquals(0.75, back.alpha(), 1e-12);
        assertTrue(back.voltage().config().learnThreshold());
        assertEquals(c1.voltage().threshold(), back.voltage().threshold());
        assertEquals(Surrogates.exponential(1.5, 3.75).describe(), back.voltage().config().surrogate().describe());
    }

    @Test
    void recurrentLifIsANestedGraph() {
        RecurrentLif withBias = new RecurrentLif(10, LifConfig.of(0.9, 0.5), true, F, rng());
        RecurrentLif noBias = new RecurrentLif(5, LifConfig.of(0.8, 0.4).withReset(ResetMode.ZERO), false, F, rng());
        Sequential net = new Sequential(List.of(new Dense(12, 10, true, F, rng()), withBias, new Dense(10, 5, false, F, rng()), noBias));
        NirGraph g = NirExport.graph(net, new long[]{12}, NirExport.Options.defaults());
        NirGraph inner = g.nodes().get("1_RecurrentLif").graph();
        assertEquals(List.of("input", "lif", "w_rec", "output"), List.copyOf(inner.nodes().keySet()));
        assertEquals("Affine", inner.nodes().get("w_rec").type());
        NirImport.Imported m = roundTrip(net, new long[]{12}, spikes(0.3, 12), "rlif");
        assertEquals(withBias.recurrent().value(), ((RecurrentLif) m.net().layers().get(1)).recurrent().value());
    }

    @Test
    void quantizedWeightsExportTheirLevelsAndScaleAndTrainQuantizedAgain() {
        WeightQuantizer q = new WeightQuantizer(4);
        Dense d = new Dense(20, 8, true, F, rng()).quantized(q);
        Sequential net = new Sequential(List.of(d, new Lif(8, LifConfig.of(0.9, 0.3), F)));
        NirGraph g = NirExport.graph(net, new long[]{20}, NirExport.Options.defaults());
        NirNode node = g.nodes().get("0_Dense");
        NirArray w = (NirArray) node.fields().get("weight"), levels = (NirArray) node.metadata().get("weight_levels");
        NirArray scale = (NirArray) node.metadata().get("weight_scale");
        for (int i = 0; i < w.size(); i++) {
            assertTrue(Math.abs(levels.get(i)) <= q.qmax());
            assertEquals(w.get(i), (float) (levels.get(i) * scale.get(i / 20)), 1e-7);
        }
        NirImport.Imported m = roundTrip(net, new long[]{20}, spikes(0.4, 20), "quant");
        assertEquals(4, ((Dense) m.net().layers().get(0)).quantizer().bits());
    }

    @Test
    void dropoutIsDroppedAndBatchNormFoldsThroughAveragePooling() {
        BatchNorm bn = new BatchNorm(3, 1e-5, 0.1, F);
        SplittableRandom r = new SplittableRandom(5);
        for (Param p : bn.params()) for (long i = 0; i < 3; i++) p.value().putScalar(i, p.name().equals("running_var") ? 0.5 + r.nextDouble() : r.nextDouble() - 0.3);
        Conv2d conv = new Conv2d(1, 3, 3, 1, 0, true, F, rng()).quantized(new WeightQuantizer(6));
        List<Layer> stage = List.of(conv, new AvgPool2d(2), new Dropout(0.3), bn);
        Sequential net = new Sequential(stage);
        INDArray x = spikes(0.5, 1, 10, 10);
        Path f = dir.resolve("bn.nir");
        NirGraph g = Nir.export(net, new long[]{1, 10, 10}, f);
        assertEquals(List.of("input", "0_Conv2d", "1_AvgPool2d", "output"), List.copyOf(g.nodes().keySet()));
        assertEquals("3_BatchNorm", g.nodes().get("0_Conv2d").metadata().get("folded_batch_norm"));
        Sequential back = Nir.load(f).net();
        assertEquals(2, back.layers().size());
        INDArray a = run(net, x), b = run(back, x);
        assertTrue(a.std(0).maxNumber().doubleValue() > 0.05, "the stage's output must vary");
        assertTrue(a.sub(b).amaxNumber().doubleValue() < 1e-5, "folded batch norm changes the inference output by "
                + a.sub(b).amaxNumber());
    }

    @Test
    void dtIsWrittenToMetadataAndAnOverrideChangesTheRetention() {
        Sequential net = new Sequential(List.of(new Dense(4, 3, true, F, rng()), new Lif(3, LifConfig.of(0.9, 0.5), F)));
        Path f = dir.resolve("dt.nir");
        Nir.export(net, new long[]{4}, f, NirExport.Options.defaults().withDt(1e-3));
        NirImport.Imported same = Nir.load(f);
        assertEquals(1e-3, same.dt());
        assertEquals(0.9f, ((Lif) same.net().layers().get(1)).beta().getFloat(0));
        NirGraph g = NirFile.read(f).graph();
        assertEquals(1e-3 / 0.1, ((NirArray) g.nodes().get("1_Lif").fields().get("tau")).get(0), 1e-8);
        NirImport.Imported other = Nir.load(f, NirImport.Options.defaults().withDt(1e-4)); // tau = 10 ms at dt = 0.1 ms
        assertEquals(0.99f, ((Lif) other.net().layers().get(1)).beta().getFloat(0), 1e-6);
    }
}

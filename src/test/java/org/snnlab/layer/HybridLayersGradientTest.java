package org.snnlab.layer;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.snnlab.core.Layer;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.SpikeFn;
import org.snnlab.neuron.Surrogates;
import org.snnlab.testing.GradCheck;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layers of the hybrid Sequencer-style network (GELU, LayerNorm, PatchMerging, channel MLP, residual, padding) against finite differences. */
class HybridLayersGradientTest {
    static final DataType D = DataType.DOUBLE;

    static void assertSmall(String layer, Map<String, Double> errs) {
        errs.forEach((k, v) -> assertTrue(v < 1e-6, layer + " " + k + " rel error " + v));
    }

    static Seq input(boolean isStatic, int T, long... perStep) {
        long[] shape = perStep.clone();
        if (!isStatic) shape[0] *= T;
        return new Seq(GradCheck.random(shape, 7).muli(2), T, isStatic);
    }

    @Test
    void geluValuesAndGradient() {
        INDArray x = Nd4j.createFromArray(-1.0, 0.0, 0.5, 2.0).reshape(4, 1);
        INDArray y = new Gelu().forward(Seq.of(x, 1), Pass.eval()).output().data();
        double[] want = {-0.15865525393145707, 0.0, 0.34573123063700656, 1.9544997361036416}; // x Phi(x)
        for (int i = 0; i < 4; i++) assertEquals(want[i], y.getDouble(i, 0), 1e-7);
        assertSmall("Gelu", GradCheck.check(new Gelu(), input(false, 2, 3, 4, 2, 2), 1, true));
        assertSmall("Gelu static", GradCheck.check(new Gelu(), input(true, 2, 3, 5), 1, true));
    }

    @Test
    void layerNormOnTokensAndOnMaps() {
        LayerNorm ln = new LayerNorm(3, 1e-5, D);
        ln.params().get(0).value().assign(Nd4j.createFromArray(new double[][]{{0.5, 1.5, -1}}));
        ln.params().get(1).value().assign(Nd4j.createFromArray(new double[][]{{0.1, 0, 0.2}}));
        assertSmall("LayerNorm [N,F]", GradCheck.check(ln, input(false, 2, 3, 3), 2, true));
        assertSmall("LayerNorm [N,C,H,W]", GradCheck.check(ln, input(true, 2, 2, 3, 2, 3), 2, true));
        INDArray y = new LayerNorm(4, 1e-12, D).forward(Seq.of(Nd4j.createFromArray(new double[][]{{1, 2, 3, 4}}), 1), Pass.eval()).output().data();
        assertEquals(0, y.meanNumber().doubleValue(), 1e-9);
        assertEquals(1, y.mul(y).meanNumber().doubleValue(), 1e-9);
    }

    @Test
    void patchMergingIsTheLinearOnTheConcatenatedTwoByTwoBlock() {
        PatchMerging pm = new PatchMerging(2, D, new SplittableRandom(3));
        assertSmall("PatchMerging", GradCheck.check(pm, input(false, 2, 2, 2, 4, 4), 3, true));
        INDArray x = GradCheck.random(new long[]{1, 2, 2, 2}, 9);
        INDArray y = pm.forward(Seq.of(x, 1), Pass.eval()).output().data(); // [1, 4, 1, 1]
        // x0 = x[.., 0::2, 0::2], x1 = x[.., 1::2, 0::2], x2 = x[.., 0::2, 1::2], x3 = x[.., 1::2, 1::2]; cat; Linear
        int[][] q = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        INDArray w = pm.weight().value();
        for (int o = 0; o < 4; o++) {
            double v = 0;
            for (int p = 0; p < 4; p++)
                for (int c = 0; c < 2; c++) v += x.getDouble(0, c, q[p][0], q[p][1]) * w.getDouble(q[p][0], q[p][1], c, o);
            assertEquals(v, y.getDouble(0, o, 0, 0), 1e-12);
        }
    }

    @Test
    void channelMlpResidualAndPadding() {
        SplittableRandom rng = new SplittableRandom(4);
        Layer mlp = new Chain("ChannelMlp", List.of(new Conv2d(2, 6, 1, 1, 0, true, D, rng), new Gelu(), new Conv2d(6, 2, 1, 1, 0, true, D, rng)));
        assertSmall("ChannelMlp", GradCheck.check(mlp, input(false, 2, 2, 2, 3, 3), 4, true));
        assertSmall("Residual(mlp)", GradCheck.check(new Residual(mlp), input(true, 2, 2, 2, 3, 3), 4, true));
        LifConfig lif = LifConfig.of(0.5, 0.5).withSurrogate(Surrogates.sigmoid(4)).withSpikeFn(SpikeFn.SMOOTH);
        Layer spiking = new Chain("Spiking", List.of(new Conv2d(2, 2, 1, 1, 0, true, D, rng), new Lif(2 * 3 * 3, lif, D)));
        assertSmall("Residual(static in, time-varying body)", GradCheck.check(new Residual(spiking), input(true, 3, 2, 2, 3, 3), 4, true));
        assertSmall("Residual(time-varying)", GradCheck.check(new Residual(spiking), input(false, 3, 2, 2, 3, 3), 4, true));
        assertSmall("Pad2d", GradCheck.check(new Pad2d(2), input(false, 2, 1, 1, 3, 3), 1, true));
        INDArray p = new Pad2d(2).forward(Seq.of(Nd4j.ones(D, 1, 1, 28, 28), 1), Pass.eval()).output().data();
        assertEquals(32, p.size(2));
        assertEquals(28 * 28, p.sumNumber().doubleValue());
        assertEquals(0, p.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all()).sumNumber().doubleValue());
    }
}

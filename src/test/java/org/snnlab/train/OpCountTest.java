package org.snnlab.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.layer.Flatten;
import org.snnlab.model.MrfNet;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.Projection;
import org.snnlab.train.energy.EnergyProfile;
import org.snnlab.train.energy.OpCounter;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operation counter against counts done by hand on tiny networks. */
class OpCountTest {

    @Test
    void aTinySpikingNetworkCountedByHand() {
        // conv 1->2, 3x3, pad 1 on a 3x3 binary image -> LIF -> flatten -> dense 18->2
        Conv2d conv = new Conv2d(1, 2, 3, 1, 1, false, DataType.DOUBLE, new SplittableRandom(1));
        conv.weight().value().assign(0);
        conv.weight().value().putScalar(new long[]{1, 1, 0, 0}, 2.0); // channel 0 copies the pixel x2, channel 1 is silent
        Lif lif = new Lif(18, LifConfig.of(0.5, 1.0), DataType.DOUBLE);
        Dense dense = new Dense(18, 2, true, DataType.DOUBLE, new SplittableRandom(2));
        Sequential net = new Sequential(List.of(conv, lif, new Flatten(), dense));
        // two examples, T = 2, time-varying binary input: example 0 has spikes at the corner (0,0) and centre (1,1) at t=0, none at t=1;
        // example 1 one spike at (0,1) at both steps
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 4, 1, 3, 3);
        x.putScalar(new long[]{0, 0, 0, 0}, 1);
        x.putScalar(new long[]{0, 0, 1, 1}, 1);
        x.putScalar(new long[]{1, 0, 0, 1}, 1);
        x.putScalar(new long[]{3, 0, 0, 1}, 1);
        OpCounter c = new OpCounter();
        net.forward(Seq.of(x, 2), Pass.eval().withStats(c));
        // 3x3 conv, pad 1, on 3x3: a pixel reaches cov_H x cov_W outputs, cov = [2, 3, 2]; x 2 output channels.
        // corner 2*2=4, centre 3*3=9, edge (0,1) 2*3=6: ACs = 2 * (4 + 9 + 6 + 6) = 50 over the batch -> 25 per example.
        // ANN: 9 outputs x 49 taps... = C_out * C_in * sum(cov) = 2 * 1 * 49 = 98 per example and step.
        OpCounter.LayerOps conv0 = c.layers().get(0);
        assertEquals("0_Conv2d", conv0.layer());
        assertEquals(25, conv0.accumulates(), 1e-9);
        assertEquals(0, conv0.multiplyAccumulates());
        assertEquals(98, conv0.annMultiplyAccumulates(), 1e-9);
        // LIF (beta 0.5, threshold 1, subtract reset) fires where its current 2 > 1: once per input spike
        // (t=1 of example 0: u = 0.5 * (2 - 1) = 0.5 < 1, no spike). 4 spikes x 2 outputs = 8 ACs -> 4 per example;
        // ANN 18 x 2 = 36 per example.
        OpCounter.LayerOps d = c.layers().get(1);
        assertEquals("3_Dense", d.layer());
        assertEquals(4, d.accumulates(), 1e-9);
        assertEquals(36, d.annMultiplyAccumulates(), 1e-9);
        EnergyProfile p = EnergyProfile.HOROWITZ_45NM;
        assertEquals((25 + 4) * 0.9e-12, c.total().snnJoules(p), 1e-24);
        assertEquals((98 + 36) * 4.6e-12, c.total().annJoules(p), 1e-24);
        assertEquals(2, c.examples());
    }

    @Test
    void aRealValuedInputCostsMultiplyAccumulatesAndAStaticOneIsCountedOnce() {
        Dense dense = new Dense(4, 3, false, DataType.DOUBLE, new SplittableRandom(3));
        OpCounter c = new OpCounter();
        dense.bindName("fc");
        dense.forward(Seq.constant(Nd4j.createFromArray(new double[][]{{0.5, 0, 1, 2}, {1, 1, 1, 1}}), 5), Pass.eval().withStats(c));
        OpCounter.LayerOps l = c.layers().get(0);
        assertEquals(12, l.multiplyAccumulates(), 1e-9); // 4 x 3 per example, once for all 5 steps (static)
        assertEquals(12, l.annMultiplyAccumulates(), 1e-9);
        assertEquals(0, l.accumulates());
        var cols = c.columns(EnergyProfile.HOROWITZ_45NM);
        assertEquals(List.of("ac_per_example", "mac_per_example", "est_snn_j_per_example", "est_ann_j_per_example", "est_forward_j"),
                List.copyOf(cols.keySet()));
        assertEquals(12 * 4.6e-12, cols.get("est_snn_j_per_example"), 1e-24);
        assertEquals(12 * 4.6e-12, cols.get("est_ann_j_per_example"), 1e-24);
        assertEquals(2 * 12 * 4.6e-12, cols.get("est_forward_j"), 1e-24);
    }

    @Test
    void theHybridNetworkCountsItsMixerAsAccumulatesAndItsMlpAsMacs() {
        Sequential net = MrfNet.small(1, 28, 10, true, Projection.mean()).build(DataType.FLOAT, new SplittableRandom(5));
        OpCounter c = new OpCounter();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        net.forward(Seq.constant(x, 1), Pass.eval().withStats(c));
        List<OpCounter.LayerOps> layers = c.layers();
        assertTrue(layers.stream().anyMatch(l -> l.layer().endsWith("MultiReceptiveField.conv1") && l.multiplyAccumulates() == 0),
                "the mixer's convolutions take Bernoulli samples and spikes: ACs only " + layers);
        assertTrue(layers.stream().anyMatch(l -> l.layer().contains("ChannelMlp") && l.accumulates() == 0 && l.multiplyAccumulates() > 0));
        assertEquals(2, c.examples());
        assertTrue(c.total().annJoules(EnergyProfile.HOROWITZ_45NM) > c.total().snnJoules(EnergyProfile.HOROWITZ_45NM), layers.toString());
    }
}

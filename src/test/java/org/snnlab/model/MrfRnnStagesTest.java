package org.snnlab.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Forward;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.neuron.Projection;
import org.snnlab.neuron.SpikeFn;
import org.snnlab.neuron.Surrogates;
import org.snnlab.neuron.WindowGrouping;
import org.snnlab.neuron.WindowLif;
import org.snnlab.testing.GradCheck;
import org.snnlab.train.energy.OpCounter;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RNN variant's stages (membranes shared across blocks and merged between stages) and the mrf-rnn network. */
class MrfRnnStagesTest {
    static final DataType D = DataType.DOUBLE;

    /**
     * Finite differences on the input and on the parameters the shared membrane makes special (the first
     * block's LSTM, trained also through the blocks after it; the membrane's PatchMerging; the last block's
     * LSTM after the merge); the convolutions and the MLP are checked in their own tests.
     */
    @Test
    void bpttThroughTheResidualStreamAndTheSharedMembraneMatchesFiniteDifferences() {
        WindowLif smooth = WindowLif.paper().withSurrogate(Surrogates.sigmoid(4)).withSpikeFn(SpikeFn.SMOOTH);
        MrfRnnStages l = new MrfRnnStages(new int[]{1, 2}, new int[]{2, 1}, 2,
                List.of(WindowGrouping.NON_DILATED, WindowGrouping.DILATED, WindowGrouping.NON_DILATED), Projection.sine(Math.PI / 4), smooth, D,
                new SplittableRandom(3));
        INDArray x = GradCheck.random(new long[]{1, 1, 4, 4}, 4).muli(0.5).addi(0.5);
        INDArray r = GradCheck.random(new long[]{1, 2, 2, 2}, 6);
        ToDoubleFunction<INDArray> loss = any -> l.forward(Seq.of(x, 1), new Pass(true, new SplittableRandom(5), null)).output().data().mul(r).sumNumber().doubleValue();
        for (Param q : l.params()) q.zeroGrad();
        Seq gx = l.forward(Seq.of(x, 1), new Pass(true, new SplittableRandom(5), null)).backward(Seq.of(r.dup(), 1), true);
        double e = GradCheck.relError(gx.data(), GradCheck.numeric(x, loss));
        assertTrue(e < 1e-6, "input rel error " + e);
        List<String> probed = List.of("b0.mixer.lstm.weight_ih", "b0.mixer.lstm.weight_hh_reverse", "b0.mixer.lstm.bias", "b1.mixer.lstm.weight_ih_reverse",
                "merge0.membrane.weight", "b2.mixer.lstm.bias", "b0.fc.weight");
        for (String name : probed) {
            Param q = l.params().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
            double eq = GradCheck.relError(q.grad(), GradCheck.numeric(q.value(), loss));
            assertTrue(eq < 1e-6, name + " rel error " + eq);
            assertTrue(q.grad().norm2Number().doubleValue() > 0, name + " has a gradient");
        }
    }

    @Test
    void theFirstBlocksLstmLearnsThroughTheMembraneItHandsOn() {
        MrfRnnStages l = new MrfRnnStages(new int[]{2}, new int[]{2}, 3, List.of(WindowGrouping.NON_DILATED, WindowGrouping.DILATED),
                Projection.mean(), WindowLif.paper(), D, new SplittableRandom(1));
        for (Param q : l.params()) q.zeroGrad();
        Forward f = l.forward(Seq.of(GradCheck.random(new long[]{2, 2, 4, 4}, 2).muli(0.5).addi(0.5), 1), Pass.train(3));
        Param fc0 = l.params().stream().filter(q -> q.name().equals("b0.fc.weight")).findFirst().orElseThrow();
        fc0.value().assign(0); // block 0's spikes no longer reach the stream: its LSTM is trained only through block 1
        f = l.forward(Seq.of(GradCheck.random(new long[]{2, 2, 4, 4}, 2).muli(0.5).addi(0.5), 1), Pass.train(3));
        f.backward(Seq.of(Nd4j.ones(D, 2, 2, 4, 4), 1), false);
        Param lstm0 = l.params().stream().filter(q -> q.name().equals("b0.mixer.lstm.weight_ih")).findFirst().orElseThrow();
        assertTrue(lstm0.grad().norm2Number().doubleValue() > 0, "rectangular surrogate: some window must pass a gradient");
    }

    @Test
    void theNetworkBuildsAtEverySizeAndRefusesMoreThanOneStep() {
        Sequential net = MrfNet.of(MrfNet.Size.TINY, MrfNet.Mixer.RNN, 1, 28, 10, true, Projection.sine(Math.PI / 4)).build(DataType.FLOAT, new SplittableRandom(1));
        assertArrayEquals(new long[]{10}, net.outputShape(new long[]{1, 28, 28}));
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
        OpCounter ops = new OpCounter();
        Sequential.Trace t = net.forward(Seq.constant(x, 1), new Pass(false, new SplittableRandom(1), ops));
        assertArrayEquals(new long[]{3, 10}, t.output().data().shape());
        OpCounter.LayerOps lstm = ops.layers().stream().filter(o -> o.layer().endsWith("b0.mixer.lstm")).findFirst().orElseThrow();
        assertTrue(lstm.accumulates() > 0 && lstm.multiplyAccumulates() > 0 && lstm.annMultiplyAccumulates() > lstm.multiplyAccumulates(),
                "spikes in: ACs for the input projection, MACs for the recurrence: " + lstm);
        assertTrue(net.names().contains("2_MrfRnnStages"), net.names().toString());
        assertThrows(IllegalArgumentException.class, () -> net.forward(Seq.constant(x, 2), Pass.eval()));
        MrfNet paper = MrfNet.of(MrfNet.Size.PAPER, MrfNet.Mixer.RNN, 3, 32, 100, true, Projection.mean());
        assertArrayEquals(new int[]{48, 96, 192, 384}, paper.widths());
        assertArrayEquals(new int[]{2, 2, 6, 2}, paper.blocks());
        assertEquals(12, paper.groupings().size());
        assertEquals("--mrf-size must be tiny, small or paper, got 'big'", assertThrows(IllegalArgumentException.class, () -> MrfNet.Size.parse("big")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MrfNet(1, 32, new int[]{8, 16}, new int[]{1, 0}, 3, 10, true,
                Projection.none(), WindowLif.paper(), MrfNet.Mixer.RNN)).getMessage().contains("block"));
        assertTrue(Arrays.stream(MrfNet.Size.values()).allMatch(s -> s.widths().length == s.blocks().length));
    }
}

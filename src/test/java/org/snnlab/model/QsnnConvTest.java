package org.snnlab.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.core.Param;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.layer.Dropout;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** QsnnConv: the presets, the options one by one, validation, and the positional entry points it replaces. */
class QsnnConvTest {

    @Test
    void thePapersNetHasDropoutNoBiasesAndSpikesOut() {
        QsnnConv p = QsnnConv.paper(10);
        assertEquals(new QsnnConv(Models.QSNN_FMNIST_LIF, 0.073556, 10, LifConfig.Output.SPIKES, 0, false), p);
        Sequential net = p.build(DataType.FLOAT, new SplittableRandom(1));
        assertEquals(12, net.layers().size(), "conv pool bn lif, conv pool bn lif, flatten dense dropout lif");
        assertTrue(net.layers().get(10) instanceof Dropout);
        assertEquals(3, net.params().stream().filter(q -> q.name().endsWith(".weight")).count());
        long n = net.params().stream().filter(q -> q.name().endsWith(".weight")).mapToLong(q -> q.value().length()).sum();
        assertEquals(16 * 25 + 64 * 16 * 25 + 1024 * 10, n, "conv 1->16 k5, conv 16->64 k5, dense 1024->10");
        assertEquals(0, net.params().stream().filter(q -> q.name().endsWith(".bias")).count());
        assertArrayEquals(new long[]{10}, net.outputShape(new long[]{1, 28, 28}));
    }

    @Test
    void theReferenceNetHasBiasesAndNoDropout() {
        Sequential net = QsnnConv.reference(7).build(DataType.FLOAT, new SplittableRandom(1));
        assertEquals(11, net.layers().size());
        assertTrue(net.layers().stream().noneMatch(l -> l instanceof Dropout));
        assertEquals(3, net.params().stream().filter(q -> q.name().endsWith(".bias")).count());
        assertArrayEquals(new long[]{7}, net.outputShape(new long[]{1, 28, 28}));
    }

    @Test
    void eachOptionChangesOnlyItself() {
        QsnnConv p = QsnnConv.paper(10);
        LifConfig other = LifConfig.of(0.5, 1.0);
        assertEquals(new QsnnConv(other, p.dropout(), 10, p.readout(), 0, false), p.withLif(other));
        assertEquals(new QsnnConv(p.lif(), 0.2, 10, p.readout(), 0, false), p.withDropout(0.2));
        assertEquals(new QsnnConv(p.lif(), p.dropout(), 3, p.readout(), 0, false), p.withClasses(3));
        assertEquals(new QsnnConv(p.lif(), p.dropout(), 10, LifConfig.Output.MEMBRANE, 0, false),
                p.withReadout(LifConfig.Output.MEMBRANE));
        assertEquals(new QsnnConv(p.lif(), p.dropout(), 10, p.readout(), 4, false), p.withQuantBits(4));
        assertEquals(new QsnnConv(p.lif(), p.dropout(), 10, p.readout(), 0, true), p.withBias(true));
    }

    @Test
    void quantBitsQuantizeEveryConvAndDenseAndReadoutReachesOnlyTheLastNeurons() {
        Sequential net = QsnnConv.paper(10).withQuantBits(4).withReadout(LifConfig.Output.MEMBRANE)
                .build(DataType.FLOAT, new SplittableRandom(3));
        assertEquals(4, ((Conv2d) net.layers().get(0)).quantizer().bits());
        assertEquals(4, ((Conv2d) net.layers().get(4)).quantizer().bits());
        assertEquals(4, ((Dense) net.layers().get(9)).quantizer().bits());
        assertEquals(LifConfig.Output.SPIKES, ((Lif) net.layers().get(3)).config().output());
        assertEquals(LifConfig.Output.MEMBRANE, ((Lif) net.layers().get(11)).config().output());
        assertNull(((Dense) QsnnConv.paper(10).build(DataType.FLOAT, new SplittableRandom(3)).layers().get(9)).quantizer(),
                "0 bits = full precision");
    }

    @Test
    void badOptionsAreRejectedNamingTheValue() {
        QsnnConv p = QsnnConv.paper(10);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.withQuantBits(1)).getMessage().contains("1"));
        assertThrows(IllegalArgumentException.class, () -> p.withQuantBits(17));
        assertThrows(IllegalArgumentException.class, () -> p.withQuantBits(-4));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.withDropout(1.0)).getMessage().contains("1.0"));
        assertThrows(IllegalArgumentException.class, () -> p.withDropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> p.withDropout(Double.NaN));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> QsnnConv.paper(1)).getMessage().contains("1"));
        assertThrows(NullPointerException.class, () -> p.withLif(null));
        assertThrows(NullPointerException.class, () -> p.withReadout(null));
    }

    @Test
    void thePositionalEntryPointsBuildTheSameWeightsFromTheSameSeed() {
        assertSameWeights(new QsnnConv(Models.QSNN_FMNIST_LIF, 0.073556, 10, LifConfig.Output.SPIKES, 4, false)
                        .build(DataType.FLOAT, new SplittableRandom(5)),
                Models.qsnnConv(Models.QSNN_FMNIST_LIF, 0.073556, 10, LifConfig.Output.SPIKES, 4, false, DataType.FLOAT,
                        new SplittableRandom(5)));
        assertSameWeights(QsnnConv.reference(10).build(DataType.FLOAT, new SplittableRandom(6)),
                Models.qsnnConv(QsnnConv.reference(10), DataType.FLOAT, new SplittableRandom(6)));
    }

    private static void assertSameWeights(Sequential a, Sequential b) {
        List<Param> pa = a.params(), pb = b.params();
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertEquals(pa.get(i).name(), pb.get(i).name());
            assertArrayEquals(pa.get(i).value().dup().data().asFloat(), pb.get(i).value().dup().data().asFloat(), pa.get(i).name());
        }
    }
}

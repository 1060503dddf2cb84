package org.snnlab.layer;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.core.SpikeLedger;
import org.snnlab.model.Models;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.LifConfig;
import org.snnlab.train.energy.OpCounter;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A spiking layer's output is counted once: the Dense layer reading it takes the total from the pass's
 * {@link SpikeLedger} (the same buffer through a reshape), and its operation count is the one a scan
 * of the spikes gives; other arrays, other views and other passes are not known.
 */
class SpikeLedgerTest {
    @Test
    void knowsExactlyTheRecordedArrayAndItsReshapes() {
        SpikeLedger l = new SpikeLedger();
        INDArray s = Nd4j.create(new float[]{1, 0, 1, 1, 0, 0}, new long[]{2, 3}, 'c');
        assertEquals(-1, l.count(s), 0);
        l.record(s, 3);
        assertEquals(3, l.count(s.reshape('c', 3L, 2L)), 0);
        assertEquals(3, l.count(s.reshape('c', new long[]{6})), 0);
        assertEquals(-1, l.count(s.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all())), 0); // a row of it: not the whole
        assertEquals(-1, l.count(s.dup()), 0);
        Pass p = Pass.train(1);
        assertNotSame(p.ledger(), Pass.train(1).ledger());
        assertTrue(p.withCompute(p.compute()).ledger() == p.ledger() && p.withStats(new OpCounter()).ledger() == p.ledger());
    }

    @Test
    void theDenseAfterALifLayerCountsItsSpikesOnce() {
        Sequential net = Models.fc(12, 9, 4, LifConfig.of(0.8, 0.3), DataType.FLOAT, new SplittableRandom(5));
        INDArray x = Nd4j.rand(DataType.FLOAT, 6 * 5, 12).lt(0.5).castTo(DataType.FLOAT);
        OpCounter ops = new OpCounter();
        Pass pass = Pass.eval().withStats(ops);
        Sequential.Trace t = net.forward(Seq.of(x, 6), pass);
        INDArray hidden = t.steps().get(1).output().data();
        double nnz = hidden.sumNumber().doubleValue();
        assertTrue(nnz > 0 && nnz < hidden.length(), "some but not all hidden neurons spike: " + nnz);
        assertEquals(nnz, pass.ledger().count(hidden.reshape('c', 1L, hidden.length())), 0);
        OpCounter.LayerOps head = ops.layers().stream().filter(o -> o.layer().startsWith("2_")).findFirst().orElseThrow();
        assertEquals(nnz * 4 / 5, head.accumulates(), 1e-9); // AC = nnz(x) * out, per example (B = 5), as OpTally's scan gives
        assertEquals(OpTally.spikeCount(hidden) * 4 / 5, head.accumulates(), 1e-9);
    }
}

package org.snnlab.cli;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.model.Models;
import org.snnlab.neuron.LifConfig;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GEMM floor counts the products a step needs: forward and weight gradient per layer, input gradient but for the first. */
class GemmFloorTest {
    @Test
    void countsTheFlopsOfAStepByHand() {
        var net = Models.fc(4, 3, 2, LifConfig.of(0.9, 1.0), DataType.FLOAT, new SplittableRandom(1));
        double[] f = GemmFloor.measure(net, 5, 3);
        // 2*M*(4*3 [fwd] + 4*3 [dW]) + 2*M*(3*2 [fwd] + 3*2 [dW] + 3*2 [dX]) with M = 5
        assertEquals(2 * 5 * (12 + 12) + 2 * 5 * (6 + 6 + 6), f[1], 0);
        assertTrue(f[0] > 0);
    }

    @Test
    void theBenchNetsFloorIs15Point25Gflop() {
        // 2 * 3200 * (2312*512*2 + 512*10*3): the figure quoted beside bench --model fc
        double[] f = GemmFloor.measure(Models.fcBench(DataType.FLOAT, new SplittableRandom(1)), 3200, 1);
        assertEquals(2.0 * 3200 * (2312 * 512 * 2 + 512 * 10 * 3), f[1], 0);
        assertEquals(15.25, Math.round(f[1] / 1e7) / 100.0, 0);
    }

    @Test
    void convIsRefusedInOneLine() {
        CliRun r = CliRun.of("bench", "--model", "conv", "--gemm-floor", "--steps", "1", "--warmup", "0", "--batch", "2", "--time-steps", "2");
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("--gemm-floor is supported for --model fc only"), r.err());
    }
}

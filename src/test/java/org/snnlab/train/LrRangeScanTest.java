package org.snnlab.train;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scan records divergence instead of crashing and suggests the plateau of good rates. */
class LrRangeScanTest {

    static TrainResult fake(double... acc) {
        List<EpochMetrics> h = new java.util.ArrayList<>();
        for (int i = 0; i < acc.length; i++) h.add(new EpochMetrics(i, i, 0, 0, 0, 0, acc[i], 0, Map.of()));
        return new TrainResult(h, 0, Path.of("."), 0);
    }

    @Test
    void divergedRunsAreRecordedAndTheRangeIsThePlateau() throws Exception {
        double[] grid = LrRangeScan.logGrid(1e-6, 1e-1, 6);
        assertArrayEquals(new double[]{1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1}, grid, 1e-18);
        var r = LrRangeScan.scan(grid, lr -> {
            if (lr > 0.05) throw new NonFiniteException("loss became NaN");
            double peak = lr >= 1e-4 && lr <= 1e-2 ? 0.85 : 0.3;
            return fake(0.2, peak);
        }, 0.02);
        assertEquals(6, r.points().size());
        assertTrue(r.points().get(5).diverged());
        assertEquals(1e-4, r.low(), 1e-18);
        assertEquals(1e-2, r.high(), 1e-18);
    }
}

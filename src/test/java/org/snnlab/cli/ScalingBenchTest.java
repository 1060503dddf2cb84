package org.snnlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scaling report: the least-squares growth per extra time step, medians over rounds, the CSV files
 * and figures; bad grid options fail in one line with exit code 2. (The grid itself is a benchmark,
 * run by hand: {@code bin/snnlab bench --scaling}.)
 */
class ScalingBenchTest {
    @Test
    void fitRecoversALineAndNeedsTwoPoints() {
        assertArrayEquals(new double[]{3, 2}, ScalingReport.fit(new double[]{10, 25, 50, 100}, new double[]{23, 53, 103, 203}), 1e-12);
        assertTrue(Double.isNaN(ScalingReport.fit(new double[]{10}, new double[]{5})[1]));
    }

    @Test
    void reportWritesMediansGrowthAndFigures(@TempDir Path dir) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int t : new int[]{10, 50, 100})
            for (int r = 0; r < 3; r++) { // three rounds: the median is the middle one
                ScalingBench.Point us = new ScalingBench.Point("fc", 512, 128, t, "snnlab", 0);
                ScalingBench.Point them = new ScalingBench.Point("fc", 512, 128, t, "pytorch", 0);
                rows.add(ScalingReport.row(us, r, "ok", Map.of("ms_per_step_median", 10.0 * t + r - 1, "peak_rss_mb", 300.0 + 2 * t)));
                rows.add(ScalingReport.row(them, r, "ok", Map.of("ms_per_step_median", 20.0 * t, "peak_rss_mb", 200.0 + 5 * t)));
            }
        rows.add(ScalingReport.row(new ScalingBench.Point("fc", 512, 128, 200, "pytorch", 0), 0, "timeout", Map.of()));
        Map<String, Object> s = ScalingReport.write(rows, dir);
        @SuppressWarnings("unchecked") List<Map<String, Object>> growth = (List<Map<String, Object>>) s.get("growth");
        assertEquals(2, growth.size());
        assertEquals(10.0, (Double) growth.get(0).get("ms_per_extra_step"), 1e-9);
        assertEquals(2.0, (Double) growth.get(0).get("mb_per_extra_step"), 1e-9);
        assertEquals(5.0, (Double) growth.get(1).get("mb_per_extra_step"), 1e-9);
        assertEquals(100, growth.get(1).get("largest_t"), "the timed-out point is left out");
        for (String f : new String[]{"scaling-medians.csv", "scaling-growth.csv", "scaling-time.png", "scaling-time.svg", "scaling-memory.png"})
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        assertTrue(Files.readString(dir.resolve("scaling-growth.csv")).contains("fc h512 B128,pytorch,20.0,5.0"));
        assertTrue(ScalingReport.csvLine(rows.get(rows.size() - 1)).contains(",timeout,,"), "no result: empty fields");
        Path csv = dir.resolve("part.csv");
        List<String> lines = new ArrayList<>(List.of(String.join(",", ScalingReport.COLUMNS)));
        for (Map<String, Object> r : rows) lines.add(ScalingReport.csvLine(r));
        Files.write(csv, lines);
        assertEquals(rows.toString(), ScalingReport.readCsv(csv).toString(), "a scaling.csv reads back as written");
        CliRun again = CliRun.of("bench", "--report-from", csv.toString(), "--out", dir.resolve("merged").toString());
        assertEquals(0, again.rc(), again.err());
        assertTrue(again.lastLine().contains("\"mb_per_extra_step\":5.0"), again.lastLine());
    }

    @Test
    void badGridOptionsFailInOneLine() {
        CliRun r = CliRun.of("bench", "--scaling", "--grid-models", "fc,lstm");
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("--grid-models: fc or conv, got 'lstm'"), r.err());
        assertEquals(2, CliRun.of("bench", "--scaling", "--grid-time-steps", "0").rc());
        CliRun warm = CliRun.of("bench", "--scaling", "--grid-warmup-seconds", "-1");
        assertEquals(2, warm.rc());
        assertTrue(warm.err().contains("--grid-warmup-seconds must be >= 0, got -1.0"), warm.err());
        assertEquals(2, CliRun.of("bench", "--model", "fc", "--warmup-seconds", "NaN").rc());
        CliRun missing = CliRun.of("bench", "--time-steps", "2");
        assertEquals(2, missing.rc());
        assertTrue(missing.err().contains("--model is required"), missing.err());
    }
}

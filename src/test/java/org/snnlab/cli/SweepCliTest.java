package org.snnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code snnlab sweep} and {@code snnlab lr-scan} at smoke scale on real Fashion-MNIST: the table with
 * energy and carbon, the statistical verdict, re-runs that skip, divergence recorded, stability
 * stopping on CarSNN with emulated events, and one-line errors with exit code 2.
 */
class SweepCliTest {
    static final List<String> TINY_FC = List.of("--model", "fc", "--hidden", "64", "--time-steps", "5", "--batch", "64",
            "--limit-train", "512", "--limit-test", "256");

    @BeforeAll
    static void needData() {
        Assumptions.assumeTrue(TrainResumeTest.haveData(), "Fashion-MNIST not installed");
    }

    static String[] args(List<String> a, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    static String[] sweep(String... more) {
        List<String> a = new ArrayList<>(List.of("sweep"));
        a.addAll(TINY_FC);
        return args(a, more);
    }

    static JsonNode json(CliRun r) throws Exception {
        return Json.MAPPER.readTree(r.lastLine());
    }

    @Test
    void sweepWritesTheTableWithEnergyAndCarbonComparesAndSkipsOnReRun(@TempDir Path out) throws Exception {
        String[] a = sweep("--epochs", "2", "--param", "lr=1e-3,3e-3", "--seeds", "1,2", "--out", out.toString(),
                "--compare", "lr=1e-3", "lr=3e-3");
        CliRun r = CliRun.of(a);
        assertEquals(0, r.rc(), r.err());
        JsonNode j = json(r);
        assertEquals(4, j.get("done").asInt());
        assertTrue(List.of("A better (lr=1e-3)", "B better (lr=3e-3)", "no significant difference").contains(j.get("verdict").asText()));
        double p = j.get("welch_p").asDouble();
        assertTrue(p >= 0 && p <= 1, "p = " + p);
        assertTrue(r.out().contains("Welch t-test") && r.out().contains("lr=3e-3"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("comparison.json")));
        List<CSVRecord> rows = TrainResumeTest.rows(out, "results.csv");
        assertEquals(4, rows.size());
        for (CSVRecord row : rows) {
            double joules = Double.parseDouble(row.get("energy_j")), grams = Double.parseDouble(row.get("co2_g"));
            assertTrue(joules > 0, "energy measured or modelled");
            assertEquals(joules * 475 / 3.6e6, grams, 1e-9 * grams, "g CO2 = kWh x 475 g/kWh");
            double perEpoch = TrainResumeTest.rows(out.resolve("trials").resolve(row.get("trial")).resolve("run"), "metrics.csv")
                    .stream().mapToDouble(m -> Double.parseDouble(m.get("energy_j"))).sum();
            assertEquals(perEpoch, joules, 1e-9 * joules, "the table sums the run's per-epoch energy");
            assertEquals("2", row.get("epochs"));
            assertTrue(!row.get("energy_method").isBlank());
            double acc = Double.parseDouble(row.get("final_test_acc"));
            assertTrue(acc > 0.2 && acc <= 1, "learns something: " + acc);
        }
        CliRun again = CliRun.of(a);
        assertEquals(0, again.rc());
        assertEquals(4, json(again).get("skipped").asInt(), "a re-run skips every finished trial");
        assertTrue(again.err().contains("4 already done"), again.err());
        assertEquals(rows.size(), TrainResumeTest.rows(out, "results.csv").size());
    }

    @Test
    void lrScanRecordsADivergedRateAndSuggestsTheRange(@TempDir Path out) throws Exception {
        List<String> a = new ArrayList<>(List.of("lr-scan"));
        a.addAll(TINY_FC);
        String[] scan = args(a, "--epochs", "1", "--min", "1e-3", "--max", "1e37", "--points", "2", "--out", out.toString());
        CliRun r = CliRun.of(scan);
        assertEquals(0, r.rc(), r.err());
        JsonNode j = json(r);
        assertEquals(1, j.get("diverged").asInt(), "lr 1e37 overflows");
        assertEquals(1e-3, j.get("suggested_low").asDouble(), 1e-12);
        assertEquals(1e-3, j.get("suggested_high").asDouble(), 1e-12);
        assertTrue(r.out().contains("diverged (loss became"), r.out());
        List<CSVRecord> rows = TrainResumeTest.rows(out, "scan.csv");
        assertEquals("false", rows.get(0).get("diverged"));
        assertEquals("1", rows.get(0).get("epoch"));
        CSVRecord div = rows.get(rows.size() - 1);
        assertEquals("true", div.get("diverged"));
        assertTrue(div.get("reason").contains("loss became"), div.get("reason"));
        CliRun again = CliRun.of(scan);
        assertEquals(2, json(again).get("skipped").asInt(), "the diverged rate is recorded, not retried");
    }

    @Test
    void carSnnSweepOnEmulatedEventsStopsAtStability(@TempDir Path out) throws Exception {
        CliRun r = CliRun.of("sweep", "--model", "carsnn", "--dataset", "nfashion-emulated", "--limit-train", "64", "--limit-test", "32",
                "--time-steps", "3", "--batch", "16", "--epochs", "3", "--stability-window", "2", "--stability-std", "100",
                "--param", "vth=0.3,0.4", "--out", out.toString());
        assertEquals(0, r.rc(), r.err());
        assertEquals(2, json(r).get("done").asInt());
        for (CSVRecord row : TrainResumeTest.rows(out, "results.csv")) {
            assertEquals("2", row.get("epochs"), "a 2-epoch window under 100 points is stable at once: no third epoch");
            assertEquals("2", row.get("epochs_to_stability"));
            Path run = out.resolve("trials").resolve(row.get("trial")).resolve("run");
            assertTrue(Files.readString(run.resolve("provenance.json")).contains("\"stopped_at_stability\" : 1"));
            assertTrue(Files.readString(run.resolve("provenance.json")).contains("\"threshold\" : " + row.get("vth")));
        }
        try (Stream<Path> s = Files.list(out.resolve("data-cache"))) {
            assertEquals(2, s.count(), "the emulated train and test splits, prepared once for both trials");
        }
    }

    @Test
    void badArgumentsGiveOneLineAndExitCode2(@TempDir Path out) {
        String o = out.toString();
        List<String[]> bad = List.of(
                sweep("--param", "lr", "--out", o),                            // no '='
                sweep("--workers", "0", "--out", o),
                sweep("--param", "colour=red", "--out", o),                    // not a train option
                sweep("--param", "lr=-1", "--out", o),                         // validated before any trial
                sweep("--seed", "3", "--out", o),                              // the sweep sets seeds
                sweep("--lr", "1e-3", "--param", "lr=1e-3,2e-3", "--out", o),  // fixed and varied
                sweep("--param", "lr=1e-3", "--compare", "lr=9", "lr=1e-3", "--out", o),
                sweep("--param", "policy=step,zigzag", "--out", o),
                sweep("--seeds", "1,x", "--out", o),
                sweep("--isolation", "cloud", "--out", o),
                new String[]{"sweep", "--param", "lr=1e-3", "--out", o},       // no --model
                args(List.of("lr-scan"), "--model", "fc", "--lr", "1e-3", "--out", o),
                args(List.of("lr-scan"), "--model", "fc", "--points", "1", "--out", o),
                new String[]{"train", "--model", "carsnn"},                    // needs event frames
                new String[]{"train", "--model", "fc", "--dataset", "nfashion-emulated"});
        for (String[] a : bad) {
            CliRun r = CliRun.of(a);
            assertEquals(2, r.rc(), String.join(" ", a) + " -> " + r.err());
            assertEquals(1, r.errorLines().size(), "one line: " + r.err());
            assertTrue(r.errorLines().get(0).startsWith("snnlab: "), r.err());
        }
    }
}

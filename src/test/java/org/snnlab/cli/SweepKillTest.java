package org.snnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL a real sweep (a child JVM running 2 trials at a time in their own JVMs) as soon as its first
 * trial is done: its trial processes exit on their own, no trial is marked done afterwards, and the
 * same command run again skips the finished trials, completes the others (resuming their checkpoints)
 * and ends with the same table as an uninterrupted sweep.
 */
class SweepKillTest {

    static List<String> sweepArgs(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("sweep"));
        a.addAll(SweepCliTest.TINY_FC);
        a.addAll(List.of("--epochs", "2", "--param", "lr=1e-3,2e-3", "--seeds", "1,2", "--out", out.toString()));
        a.addAll(List.of(more));
        return a;
    }

    static long done(Path out) throws IOException {
        if (!Files.isDirectory(out.resolve("trials"))) return 0;
        try (Stream<Path> s = Files.list(out.resolve("trials"))) {
            return s.filter(d -> Files.exists(d.resolve("done.json"))).count();
        }
    }

    static Map<String, String> accuracies(Path out) throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (CSVRecord r : TrainResumeTest.rows(out, "results.csv")) m.put(r.get("trial"), r.get("final_test_acc") + " " + r.get("epochs"));
        return m;
    }

    @Test
    void aKilledSweepLosesOnlyTheTrialsInFlight(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(TrainResumeTest.haveData(), "Fashion-MNIST not installed");
        Path killed = tmp.resolve("killed"), ref = tmp.resolve("ref");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (org.snnlab.util.Simd.AVAILABLE) cmd.add("--add-modules=jdk.incubator.vector"); // the same kernels as this JVM
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(sweepArgs(killed, "--workers", "2"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        // trials seen at any time: a snapshot at the kill alone can fall between two trials
        java.util.Set<ProcessHandle> trials = new java.util.LinkedHashSet<>();
        while (done(killed) == 0 && p.isAlive() && System.nanoTime() < deadline) {
            p.descendants().forEach(trials::add);
            Thread.sleep(20);
        }
        p.descendants().forEach(trials::add);
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        p.waitFor(30, TimeUnit.SECONDS);
        long k = done(killed);
        assertTrue(k >= 1 && k < 4, "kill should land mid-sweep, done = " + k + "; " + Files.readString(tmp.resolve("log")));
        assertFalse(trials.isEmpty(), "the sweep ran its trials in child JVMs");
        for (ProcessHandle h : trials) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
                throw new AssertionError("trial process " + h.pid() + " outlived its killed sweep");
            }
        }
        assertEquals(k, done(killed), "no orphan marked a trial done after the kill");

        CliRun again = CliRun.of(sweepArgs(killed).toArray(String[]::new));
        assertEquals(0, again.rc(), again.err());
        JsonNode j = Json.MAPPER.readTree(again.lastLine());
        assertEquals(k, j.get("skipped").asLong(), "the finished trials are not run again");
        assertEquals(4, j.get("done").asInt());

        CliRun whole = CliRun.of(sweepArgs(ref).toArray(String[]::new));
        assertEquals(0, whole.rc(), whole.err());
        assertEquals(accuracies(ref), accuracies(killed), "same trials, same results as an uninterrupted sweep");
    }
}

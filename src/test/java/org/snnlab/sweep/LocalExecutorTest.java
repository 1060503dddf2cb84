package org.snnlab.sweep;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.train.EpochMetrics;
import org.snnlab.train.StabilityDetector;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The executor with runners that do not train: idempotence (done.json), an unfinished trial folder
 * runs again, a failed trial is retried next time, parallel workers and their threads, the results
 * table written as trials finish, and the summary a trial makes of its epochs.
 */
class LocalExecutorTest {

    static List<Trial> trials() {
        return Grid.parse(List.of("policy=step,cosine", "lr=1e-3,3e-3")).trials(List.of(1L, 2L), Map.of("--epochs", "2"));
    }

    /** A runner that records calls and returns accuracy = 0.5 + seed / 100. */
    static final class Counting implements TrialRunner {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        public TrialResult run(Trial t, Path dir, int threads) {
            calls.add(t.id());
            return FakeTrialMain.fake(0.5 + t.seed() / 100.0);
        }
    }

    static List<CSVRecord> rows(Path csv) throws Exception {
        try (Reader r = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    @Test
    void aReRunSkipsFinishedTrialsAndRunsOnlyTheUnfinishedOne(@TempDir Path out) throws Exception {
        List<Trial> ts = trials();
        TrialStore store = new TrialStore(out);
        ResultsCsv csv = new ResultsCsv(out.resolve("results.csv"), List.of("policy", "lr"));
        Counting first = new Counting();
        List<LocalExecutor.Outcome> o = new LocalExecutor(1, 2).run(ts, store, first, csv, null);
        assertEquals(8, first.calls.size());
        assertTrue(o.stream().noneMatch(LocalExecutor.Outcome::skipped));
        for (Trial t : ts) assertTrue(Files.isRegularFile(store.dir(t).resolve("done.json")), t.label());
        try (Stream<Path> s = Files.walk(out)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")), "atomic writes leave no temp files");
        }
        assertEquals(8, rows(csv.file()).size());

        Counting second = new Counting();
        List<LocalExecutor.Outcome> again = new LocalExecutor(1, 2).run(ts, store, second, csv, null);
        assertEquals(0, second.calls.size(), "every trial was done");
        assertTrue(again.stream().allMatch(LocalExecutor.Outcome::skipped));
        assertEquals(0.51, again.get(0).result().finalTestAcc(), 1e-12, "the result is read back from done.json");

        // a run killed mid-trial leaves trial.json and its run folder but no done.json
        Trial killed = ts.get(5);
        Files.delete(store.dir(killed).resolve("done.json"));
        Files.createDirectories(store.runDir(killed));
        Counting third = new Counting();
        new LocalExecutor(1, 2).run(ts, store, third, csv, null);
        assertEquals(List.of(killed.id()), third.calls, "only the unfinished trial runs");
        List<CSVRecord> r = rows(csv.file());
        assertEquals(8, r.size(), "results.csv holds each trial once");
        assertEquals(ts.get(0).id(), r.get(0).get("trial"), "in trial order after the run");
    }

    @Test
    void aFailedTrialIsReportedLeftUnmarkedAndRetried(@TempDir Path out) throws Exception {
        List<Trial> ts = trials();
        TrialStore store = new TrialStore(out);
        Trial bad = ts.get(3);
        AtomicInteger failures = new AtomicInteger();
        LocalExecutor.Listener l = new LocalExecutor.Listener() {
            public void onTrialFailed(Trial t, Exception e, int finished, int total) { failures.incrementAndGet(); }
        };
        TrialRunner flaky = (t, dir, threads) -> {
            if (t.equals(bad)) throw new IllegalStateException("out of memory, say");
            return FakeTrialMain.fake(0.7);
        };
        List<LocalExecutor.Outcome> o = new LocalExecutor(2, 2).run(ts, store, flaky, null, l);
        assertEquals(1, failures.get());
        assertTrue(o.get(3).failed());
        assertEquals("out of memory, say", o.get(3).error());
        assertNull(o.get(3).result());
        assertFalse(Files.exists(store.dir(bad).resolve("done.json")));
        assertTrue(Files.exists(store.dir(bad).resolve("trial.json")), "the trial is described before it runs");
        Counting retry = new Counting();
        new LocalExecutor(2, 2).run(ts, store, retry, null, null);
        assertEquals(List.of(bad.id()), retry.calls);
    }

    @Test
    void workersRunInParallelWithCoresShared(@TempDir Path out) throws Exception {
        Set<Integer> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger(), peak = new AtomicInteger();
        TrialRunner slow = (t, dir, n) -> {
            threads.add(n);
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(150);
            running.decrementAndGet();
            return FakeTrialMain.fake(0.6);
        };
        LocalExecutor ex = new LocalExecutor(2, 4);
        assertEquals(2, ex.threadsPerTrial());
        ex.run(trials(), new TrialStore(out), slow, null, null);
        assertEquals(2, peak.get(), "two trials at a time");
        assertEquals(Set.of(2), threads, "each gets cores / workers threads");
        assertEquals(1, new LocalExecutor(3, 2).threadsPerTrial(), "at least one");
    }

    @Test
    void theTableGrowsAsTrialsFinish(@TempDir Path out) throws Exception {
        Path csv = out.resolve("results.csv");
        List<Integer> seen = new ArrayList<>();
        TrialRunner peek = (t, dir, n) -> {
            seen.add(Files.exists(csv) ? rows(csv).size() : -1);
            return FakeTrialMain.fake(0.6);
        };
        new LocalExecutor(1, 1).run(trials(), new TrialStore(out), peek, new ResultsCsv(csv, List.of("policy", "lr")), null);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), seen, "row i is on disk before trial i + 1 starts");
        CSVRecord row = rows(csv).get(0);
        assertEquals("step", row.get("policy"));
        assertEquals("1", row.get("seed"));
        assertEquals("10.0", row.get("energy_j"));
        assertEquals(Double.toString(10 * 475 / 3.6e3), row.get("co2_g"));
        assertEquals("-1", row.get("epochs_to_stability"));
    }

    @Test
    void aTrialSummarisesItsEpochsAndSurvivesJson(@TempDir Path out) throws Exception {
        List<EpochMetrics> h = new ArrayList<>();
        double[] acc = {0.5, 0.70, 0.705, 0.71, 0.70};
        for (int e = 0; e < acc.length; e++)
            h.add(new EpochMetrics(e, e, 1e-3, 1, 0.5, 1, acc[e], 2.0, Map.of("energy_j", 100.0, "co2_kg", 100 * 475 / 3.6e9)));
        TrialResult r = TrialResult.of(h, new StabilityDetector(3, 0.01), "rapl (1 package(s), powercap energy_uj)");
        assertEquals(0.70, r.finalTestAcc());
        assertEquals(0.71, r.bestTestAcc());
        assertEquals(4, r.epochsToStability(), "epochs 2..4 have std 0.004 < 0.01");
        assertEquals(8.0, r.secondsToStability(), 1e-12, "4 epochs of 2 s");
        assertEquals(10.0, r.seconds(), 1e-12);
        assertEquals(500.0, r.energyJ(), 1e-9);
        assertEquals(500 * 475 / 3.6e6, r.co2G(), 1e-12, "g = J / 3.6e6 J/kWh x 475 g/kWh");
        Trial t = FakeTrialMain.trial(3);
        TrialStore store = new TrialStore(out);
        store.prepare(t);
        store.markDone(t, r);
        assertEquals(r, store.done(t).orElseThrow());
        TrialResult never = TrialResult.diverged(List.of(), StabilityDetector.paper(), "", "loss became NaN");
        store.markDone(t, never);
        TrialResult back = store.done(t).orElseThrow();
        assertEquals(TrialResult.Status.DIVERGED, back.status());
        assertTrue(Double.isNaN(back.finalTestAcc()), "NaN survives the JSON round trip");
        assertEquals(t, TrialStore.readTrial(store.dir(t)));
    }
}

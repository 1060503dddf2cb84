package org.snnlab.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep's trials on this machine with {@code workers} trials at a time, each given
 * {@code threads = max(1, cores / workers)} CPU threads. Idempotent: a trial whose {@code done.json}
 * exists is skipped; every other one runs (its training resuming from its own checkpoint), and is
 * marked done only after its runner returns, so a killed sweep loses only the trials in flight. A
 * failed trial (its runner threw) is reported and left unmarked, to run again next time; the other
 * trials go on.
 */
public final class LocalExecutor {
    private final int workers;
    private final int cores;

    /** Progress callbacks (called from worker threads; implementations synchronise themselves). */
    public interface Listener {
        default void onStart(int total, int alreadyDone, int workers, int threadsPerTrial) { }

        default void onTrialStart(Trial t) { }

        /** @param finished trials finished so far, skipped ones included */
        default void onTrialEnd(Trial t, TrialResult r, double seconds, int finished, int total) { }

        default void onTrialFailed(Trial t, Exception e, int finished, int total) { }
    }

    /** A trial and its result; {@code result} is null and {@code error} set when it failed. */
    public record Outcome(Trial trial, TrialResult result, String error, boolean skipped) {
        public boolean failed() { return result == null; }
    }

    /**
     * @param workers trials at a time (&gt;= 1)
     * @param cores   CPU cores to share among them (&gt;= 1; normally all of the machine's)
     */
    public LocalExecutor(int workers, int cores) {
        if (workers < 1) throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        if (cores < 1) throw new IllegalArgumentException("cores must be >= 1, got " + cores);
        this.workers = workers;
        this.cores = cores;
    }

    /** CPU threads each trial gets. */
    public int threadsPerTrial() {
        return Math.max(1, cores / workers);
    }

    /**
     * Runs every trial not yet done and returns the outcomes in the order of {@code trials}.
     * {@code csv} (may be null) is rewritten with the finished trials first, appended to as trials
     * finish, and rewritten in trial order at the end.
     */
    public List<Outcome> run(List<Trial> trials, TrialStore store, TrialRunner runner, ResultsCsv csv, Listener listener)
            throws IOException, InterruptedException {
        Listener l = listener == null ? new Listener() { } : listener;
        List<Outcome> outcomes = new ArrayList<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            Optional<TrialResult> done = store.done(t);
            outcomes.add(done.isPresent() ? new Outcome(t, done.get(), null, true) : null);
            if (done.isEmpty()) pending.add(i);
        }
        writeFinished(csv, trials, outcomes);
        l.onStart(trials.size(), trials.size() - pending.size(), workers, threadsPerTrial());
        AtomicInteger finished = new AtomicInteger(trials.size() - pending.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, pending.size())), r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i : pending) {
                Trial t = trials.get(i);
                futures.add(pool.submit(() -> runOne(t, store, runner, csv, l, finished, trials.size())));
            }
            for (int k = 0; k < pending.size(); k++) outcomes.set(pending.get(k), get(futures.get(k)));
        } finally {
            pool.shutdownNow();
        }
        writeFinished(csv, trials, outcomes);
        return outcomes;
    }

    private Outcome runOne(Trial t, TrialStore store, TrialRunner runner, ResultsCsv csv, Listener l,
                           AtomicInteger finished, int total) throws IOException {
        store.prepare(t);
        l.onTrialStart(t);
        long t0 = System.nanoTime();
        TrialResult r;
        try {
            r = runner.run(t, store.dir(t), threadsPerTrial());
            if (r == null) throw new IllegalStateException("the trial runner returned no result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (Exception e) {
            l.onTrialFailed(t, e, finished.incrementAndGet(), total);
            return new Outcome(t, null, message(e), false);
        }
        store.markDone(t, r);
        if (csv != null) csv.append(t, r);
        l.onTrialEnd(t, r, (System.nanoTime() - t0) / 1e9, finished.incrementAndGet(), total);
        return new Outcome(t, r, null, false);
    }

    private static Outcome get(Future<Outcome> f) throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IllegalStateException(e.getCause());
        }
    }

    static void writeFinished(ResultsCsv csv, List<Trial> trials, List<Outcome> outcomes) throws IOException {
        if (csv == null) return;
        List<Trial> ts = new ArrayList<>();
        List<TrialResult> rs = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            Outcome o = outcomes.get(i);
            if (o == null || o.failed()) continue;
            ts.add(trials.get(i));
            rs.add(o.result());
        }
        csv.rewrite(ts, rs);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }
}

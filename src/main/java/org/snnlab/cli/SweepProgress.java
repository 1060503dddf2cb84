package org.snnlab.cli;

import org.snnlab.sweep.LocalExecutor;
import org.snnlab.sweep.Trial;
import org.snnlab.sweep.TrialResult;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Sweep progress on stderr, one line per event: the plan, each trial's start, its end (accuracy,
 * epochs, stability, time, energy) with the count done and an estimate of the time left
 * (wall time per trial finished so far x trials left).
 */
final class SweepProgress implements LocalExecutor.Listener {
    private final PrintStream out;
    private final String what;
    private final BiConsumer<Trial, TrialResult> onEnd;
    private long t0;
    private int alreadyDone;

    SweepProgress(PrintStream out, String what) {
        this(out, what, (t, r) -> { });
    }

    /** @param onEnd also called (under this listener's lock) when a trial finishes */
    SweepProgress(PrintStream out, String what, BiConsumer<Trial, TrialResult> onEnd) {
        this.out = out;
        this.what = what;
        this.onEnd = onEnd;
    }

    @Override
    public synchronized void onStart(int total, int alreadyDone, int workers, int threadsPerTrial) {
        this.t0 = System.nanoTime();
        this.alreadyDone = alreadyDone;
        out.printf(Locale.ROOT, "%s: %d trial(s), %d already done (skipped), %d to run; %d worker(s) x %d thread(s)%n",
                what, total, alreadyDone, total - alreadyDone, workers, threadsPerTrial);
    }

    @Override
    public synchronized void onTrialStart(Trial t) {
        out.printf(Locale.ROOT, "  start %s  [%s]%n", t.label(), t.id());
    }

    @Override
    public synchronized void onTrialEnd(Trial t, TrialResult r, double seconds, int finished, int total) {
        String stable = r.epochsToStability() > 0 ? "stable at epoch " + r.epochsToStability() : "not stable";
        String status = r.status() == TrialResult.Status.DIVERGED ? "DIVERGED (" + r.message() + ")"
                : String.format(Locale.ROOT, "test acc %.4f (best %.4f), %d epoch(s), %s", r.finalTestAcc(), r.bestTestAcc(), r.epochs(), stable);
        out.printf(Locale.ROOT, "[%d/%d] %s: %s, %.1f s, %.1f J%s%n", finished, total, t.label(), status, seconds, r.energyJ(), eta(finished, total));
        onEnd.accept(t, r);
    }

    @Override
    public synchronized void onTrialFailed(Trial t, Exception e, int finished, int total) {
        out.printf(Locale.ROOT, "[%d/%d] %s: FAILED: %s (will run again next time)%n", finished, total, t.label(), Main.oneLine(e));
    }

    private String eta(int finished, int total) {
        int ran = finished - alreadyDone, left = total - finished;
        if (ran <= 0 || left <= 0) return "";
        double perFinish = (System.nanoTime() - t0) / 1e9 / ran; // wall time per finished trial, workers included
        return String.format(Locale.ROOT, "; ~%.0f s left", perFinish * left);
    }
}

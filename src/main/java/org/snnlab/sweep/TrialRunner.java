package org.snnlab.sweep;

import java.nio.file.Path;

/**
 * Runs one trial to its end: trains into {@code store.runDir(trial)} and returns the result. A diverged
 * run is a result ({@link TrialResult.Status#DIVERGED}), not an exception; an exception means the trial
 * failed (crash, bad configuration) and will run again next time. Implementations must not write
 * {@code done.json}: the executor does, after this returns.
 */
@FunctionalInterface
public interface TrialRunner {
    /**
     * @param trial   the trial
     * @param dir     its folder ({@link TrialStore#dir}), already holding {@code trial.json}
     * @param threads the CPU threads it may use (cores / workers, at least 1)
     */
    TrialResult run(Trial trial, Path dir, int threads) throws Exception;
}

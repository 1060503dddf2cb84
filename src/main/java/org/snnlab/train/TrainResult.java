package org.snnlab.train;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a run.
 *
 * @param history      every epoch's metrics (including those restored on resume)
 * @param seconds      wall time of this process's part of the run
 * @param out          the run's folder
 * @param resumedFrom  the epoch training resumed at (0 for a fresh run)
 */
public record TrainResult(List<EpochMetrics> history, double seconds, Path out, int resumedFrom) {
    public EpochMetrics last() {
        if (history.isEmpty()) throw new IllegalStateException("no epoch finished");
        return history.get(history.size() - 1);
    }
}

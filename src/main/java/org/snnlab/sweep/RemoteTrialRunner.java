package org.snnlab.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one trial inside a remote task ({@link SparkExecutor}): shipped to the executors, so it is
 * {@link Serializable} (capture only strings and numbers, never a {@link Path}). Like a
 * {@link TrialRunner} it trains into {@code dir/run} and returns the result; a diverged run is a
 * result, an exception a failed attempt (retried by the cluster). It must not write {@code done.json}.
 */
@FunctionalInterface
public interface RemoteTrialRunner extends Serializable {
    /**
     * @param trial the trial
     * @param dir   the attempt's trial folder (holding {@code trial.json}; its name is the trial's id)
     * @param slot  what the cluster gave the task
     */
    TrialResult run(Trial trial, Path dir, Slot slot) throws Exception;

    /**
     * What the scheduler gave one task.
     *
     * @param threads CPU threads ({@code spark.task.cpus})
     * @param gpus    the GPU addresses assigned to the task (empty unless {@code spark.task.resource.gpu.amount} is set)
     * @param attempt 0 for the first attempt, 1 for its first retry, ...
     */
    record Slot(int threads, List<String> gpus, int attempt) implements Serializable {
        public Slot {
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            gpus = List.copyOf(gpus);
        }

        /** {@code CUDA_VISIBLE_DEVICES} for a child process: the addresses, comma-separated ("" when none). */
        public String cudaVisibleDevices() {
            return String.join(",", gpus);
        }
    }
}

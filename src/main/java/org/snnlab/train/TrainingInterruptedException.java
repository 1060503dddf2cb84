package org.snnlab.train;

import java.nio.file.Path;

/**
 * Thrown by {@link Trainer#fit} when its thread is interrupted ({@link Thread#interrupt()}: a Jupyter
 * interrupt, a cancelled future, an executor shut down): training stops at the next batch boundary,
 * and what the run already wrote stays as it was: {@code checkpoint.bin} of the last finished epoch
 * and its rows of {@code metrics.csv}. Running the same trainer (or cell, or command) again resumes
 * from that epoch. The interrupt status is cleared when this is thrown: the exception carries it.
 */
public final class TrainingInterruptedException extends RuntimeException {
    private final Path runDir;
    private final int epochsDone;

    private TrainingInterruptedException(String message, Path runDir, int epochsDone, Throwable cause) {
        super(message, cause);
        this.runDir = runDir;
        this.epochsDone = epochsDone;
    }

    /** Interrupted in (0-based) {@code epoch} before {@code batch}: epochs {@code 0..epoch-1} are on disk. */
    static TrainingInterruptedException inTraining(Path runDir, int epoch, int batch, boolean checkpointed, Throwable cause) {
        return of(runDir, "in epoch " + epoch + " (batch " + batch + ")", epoch, checkpointed, cause);
    }

    /** Interrupted between epochs (in a listener), with {@code epochsDone} epochs on disk. */
    static TrainingInterruptedException betweenEpochs(Path runDir, int epochsDone, boolean checkpointed, Throwable cause) {
        return of(runDir, "after epoch " + (epochsDone - 1), epochsDone, checkpointed, cause);
    }

    private static TrainingInterruptedException of(Path runDir, String where, int done, boolean checkpointed, Throwable cause) {
        return new TrainingInterruptedException("training interrupted " + where + "; " + (checkpointed
                ? done + " finished epoch(s) kept in " + runDir.resolve("checkpoint.bin") + " and "
                        + runDir.resolve("metrics.csv") + ": run it again to resume from epoch " + done
                : "checkpoints are off (TrainConfig.checkpoint), so it cannot resume; the rows of "
                        + runDir.resolve("metrics.csv") + " are kept"), runDir, done, cause);
    }

    /** Interrupted in an evaluation outside training ({@link Trainer#evaluate}), before {@code batch}. */
    static TrainingInterruptedException inEvaluation(int batch, Throwable cause) {
        return new TrainingInterruptedException("evaluation interrupted before batch " + batch, null, -1, cause);
    }

    /** The run folder, holding the checkpoint and metrics rows that stay (null for an evaluation). */
    public Path runDir() {
        return runDir;
    }

    /** Epochs finished before the interrupt (a resumed run starts at this epoch), or -1 for an evaluation. */
    public int epochsDone() {
        return epochsDone;
    }
}

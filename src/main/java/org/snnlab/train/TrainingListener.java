package org.snnlab.train;

/** Callbacks of a {@link Trainer}; every method has an empty default. */
public interface TrainingListener {
    default void onStart(int startEpoch, int epochs, int batchesPerEpoch) { }

    default void onBatchEnd(int epoch, int batch, int batches, double loss, double runningAcc) { }

    default void onEpochEnd(EpochMetrics metrics) { }

    default void onEnd(TrainResult result) { }
}

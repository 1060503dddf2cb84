package org.snnlab.train;

/** Callbacks of a {@link Trainer}; every method has an empty default. */
public interface TrainingListener {
    default void onStart(int startEpoch, int epochs, int batchesPerEpoch) { }

    default void onBatchEnd(int epoch, int batch, int batches, double loss, double runningAcc) { }

    default void onEpochEnd(EpochMetrics metrics) { }

    /**
     * The epoch's end with the model as trained so far (after its checkpoint is written): for
     * measurements between epochs, e.g. {@link org.snnlab.prune.GradientStudy} at a few epochs. The
     * model's weights must not be changed (its gradient buffers may be: every step zeroes them). The
     * default calls {@link #onEpochEnd(EpochMetrics)}.
     */
    default void onEpochEnd(EpochMetrics metrics, org.snnlab.model.Sequential model) {
        onEpochEnd(metrics);
    }

    default void onEnd(TrainResult result) { }
}

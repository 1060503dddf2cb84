package org.snnlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.Seq;

import java.util.SplittableRandom;

/**
 * Turns a batch of static inputs {@code [B, ...]} (values in [0, 1]) into the network's input over
 * T steps: a {@link Seq}, time-major {@code [T*B, ...]} or static. Implementations are immutable;
 * any randomness comes from {@code rng} (the batch's stream), so encoding is reproducible.
 */
public interface Encoder {
    /** Encodes {@code batch} for {@code steps} time steps, drawing any randomness from {@code rng}. */
    Seq encode(INDArray batch, int steps, SplittableRandom rng);

    /**
     * Whether this encoder wants batches stored time-major ({@link Batch#of(Dataset, int[], int, int, boolean)}),
     * which the loader then prepares off the training thread. Default: no.
     */
    default boolean timeMajorBatches() {
        return false;
    }

    /** Short description with parameters, for logs and provenance, e.g. {@code rate(gain=1.0)}. */
    String describe();
}

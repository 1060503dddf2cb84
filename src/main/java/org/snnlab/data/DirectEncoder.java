package org.snnlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.Seq;

import java.util.SplittableRandom;

/**
 * Direct (current) encoding: the analogue input is applied at every step, {@code x_t = x} (as in
 * the QSNN paper's "static image at every step"). Returned as a static {@link Seq} around the batch
 * itself (no copy), so the first layers compute once per example instead of T times. Uses no
 * randomness.
 */
public final class DirectEncoder implements Encoder {
    @Override
    public Seq encode(INDArray batch, int steps, SplittableRandom rng) {
        Floats.checkBatch(batch, steps);
        return Seq.constant(batch, steps);
    }

    @Override
    public String describe() { return "direct"; }
}

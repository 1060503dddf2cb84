package org.snnlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.model.Seq;

import java.util.SplittableRandom;

/**
 * Direct (current) encoding: the analogue input is applied at every step, {@code x_t = x}. Returned as
 * a static {@link Seq}, so the first layers compute once per example instead of T times.
 */
public final class DirectEncoder implements Encoder {
    @Override
    public Seq encode(INDArray batch, int steps, SplittableRandom rng) {
        return Seq.constant(batch, steps);
    }

    @Override
    public String describe() { return "direct"; }
}

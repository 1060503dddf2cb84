package org.snnlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.model.Seq;

import java.util.SplittableRandom;

/** Turns a batch of static inputs {@code [B, ...]} (values in [0,1]) into a T-step input sequence. */
public interface Encoder {
    Seq encode(INDArray batch, int steps, SplittableRandom rng);

    String describe();
}

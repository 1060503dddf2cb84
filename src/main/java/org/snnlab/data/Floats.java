package org.snnlab.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Seq;

/** Moves between INDArrays and flat float arrays for the encoders: one read, one allocation. */
final class Floats {
    private Floats() { }

    /** The values of {@code a} in C order as a new float[] (one copy; a cast or a dup only when needed). */
    static float[] of(INDArray a) {
        INDArray f = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        if (f.isView() || f.ordering() != 'c' || f.data().length() != f.length()) f = f.dup('c');
        return f.data().asFloat();
    }

    /** Wraps {@code s} (T blocks of {@code [B, ...]}, time-major) as {@code Seq.of([T*B, ...])}. */
    static Seq timeMajor(float[] s, long[] batchShape, int steps) {
        long[] shape = batchShape.clone();
        shape[0] *= steps;
        return Seq.of(Nd4j.create(s, shape, 'c'), steps);
    }

    static void checkBatch(INDArray batch, int steps) {
        if (batch == null || batch.rank() < 1) throw new IllegalArgumentException("batch must be an array [B, ...]");
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (batch.length() * steps > Integer.MAX_VALUE)
            throw new IllegalArgumentException(batch.length() + " inputs x " + steps + " steps exceed one float array");
    }
}

package org.snnlab.util;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Raw-buffer access for the fused CPU loops. */
public final class Buffers {
    private Buffers() { }

    /**
     * Whether {@code a}'s elements are exactly its buffer, in C order from offset 0 (a reshaped array
     * counts, although ND4J calls it a view; a slice does not).
     */
    public static boolean isDense(INDArray a) {
        return a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length() && a.elementWiseStride() == 1;
    }

    /** Whether {@code a}'s elements are contiguous in C order in its buffer (from any offset: a reshape or a block of rows). */
    public static boolean isContiguousView(INDArray a) {
        return a.ordering() == 'c' && a.elementWiseStride() == 1 && a.offset() + a.length() <= a.data().length();
    }

    /** {@code a} itself when dense, else a dense copy. */
    public static INDArray dense(INDArray a) {
        return isDense(a) ? a : a.dup('c');
    }
}

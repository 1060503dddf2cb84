package org.snnlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A mini-batch: features {@code [B, ...shape]} (float32, C order, one allocation), labels and the
 * dataset indices they came from.
 */
public record Batch(INDArray features, int[] labels, int[] indices) {

    /** Examples {@code order[from..to)} of {@code data}. */
    public static Batch of(Dataset data, int[] order, int from, int to) {
        if (from < 0 || to > order.length || from >= to)
            throw new IllegalArgumentException("bad batch range [" + from + "," + to + ") of " + order.length);
        int b = to - from, n = data.features();
        float[] f = new float[b * n];
        int[] labels = new int[b], idx = new int[b];
        for (int i = 0; i < b; i++) {
            idx[i] = order[from + i];
            data.copyFeatures(idx[i], f, i * n);
            labels[i] = data.label(idx[i]);
        }
        long[] shape = data.shape(), full = new long[shape.length + 1];
        full[0] = b;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return new Batch(Nd4j.create(f, full, 'c'), labels, idx);
    }
}

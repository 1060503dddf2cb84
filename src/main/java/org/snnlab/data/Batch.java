package org.snnlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A mini-batch of B examples: features {@code [B, ...shape]} (float32, C order, created once from
 * one filled {@code float[]}), their labels and the dataset indices they came from, row by row.
 *
 * @param features {@code [B, ...shape]}
 * @param labels   class of row i
 * @param indices  dataset index of row i
 */
public record Batch(INDArray features, int[] labels, int[] indices) {

    public Batch {
        if (features == null || labels == null || indices == null)
            throw new IllegalArgumentException("features, labels and indices must not be null");
        if (features.rank() < 1 || features.size(0) != labels.length || labels.length != indices.length)
            throw new IllegalArgumentException("batch of " + (features.rank() < 1 ? 0 : features.size(0)) + " rows with "
                    + labels.length + " labels and " + indices.length + " indices");
    }

    /** Number of examples B. */
    public int size() {
        return labels.length;
    }

    /** Examples {@code order[from..to)} of {@code data}, in that order. */
    public static Batch of(Dataset data, int[] order, int from, int to) {
        if (from < 0 || to > order.length || from >= to)
            throw new IllegalArgumentException("bad batch range [" + from + "," + to + ") of " + order.length);
        int b = to - from, n = data.features();
        float[] f = new float[Math.multiplyExact(b, n)];
        int[] labels = new int[b], idx = new int[b];
        for (int i = 0; i < b; i++) {
            idx[i] = order[from + i];
            data.copyFeatures(idx[i], f, i * n);
            labels[i] = data.label(idx[i]);
        }
        long[] shape = data.shape(), full = new long[shape.length + 1];
        full[0] = b;
        System.arraycopy(shape, 0, full, 1, shape.length);
        // one bulk copy into a new buffer: 2-3x faster than Nd4j.create(float[], shape) for the ~30 MB of a
        // framed event batch [128, 25, 2, 34, 34], on any backend
        INDArray x = Nd4j.create(Nd4j.createBuffer(f), full, Nd4j.getStrides(full, 'c'), 0, 'c');
        return new Batch(x, labels, idx);
    }
}

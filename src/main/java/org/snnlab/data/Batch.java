package org.snnlab.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * A mini-batch of B examples: features {@code [B, ...shape]} (float32), their labels and the dataset
 * indices they came from, row by row.
 *
 * <p>Examples that are sequences of frames ({@code shape = [T, ...frame]}) can be stored
 * <em>time-major</em> ({@link #of(Dataset, int[], int, int, boolean)}): the memory is the C-order
 * {@code [T, B, ...frame]} array the network consumes, and {@code features} is its permuted view
 * {@code [B, T, ...frame]}, so a consumer sees the same values either way while
 * {@link FramesEncoder} turns it into {@code [T*B, ...frame]} without copying. The layout is
 * prepared by the loader (on the prefetch thread), not by the training step.
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

    /** Whether ND4J arrays live in host memory that a {@link FloatBuffer} view may write (the CPU backend). */
    private static final boolean HOST_MEMORY = Nd4j.getBackend().getClass().getName().contains(".cpu.");

    /** Number of examples B. */
    public int size() {
        return labels.length;
    }

    /** Examples {@code order[from..to)} of {@code data}, in that order, stored example-major (C order). */
    public static Batch of(Dataset data, int[] order, int from, int to) {
        return of(data, order, from, to, false);
    }

    /**
     * Examples {@code order[from..to)} of {@code data}, in that order. With {@code timeMajor} (and
     * examples of rank >= 2, whose first axis is time) the storage is {@code [T, B, ...]}, see above;
     * otherwise {@code [B, ...]} in C order.
     */
    public static Batch of(Dataset data, int[] order, int from, int to, boolean timeMajor) {
        if (from < 0 || to > order.length || from >= to)
            throw new IllegalArgumentException("bad batch range [" + from + "," + to + ") of " + order.length);
        int b = to - from, n = data.features();
        long[] shape = data.shape();
        boolean tm = timeMajor && shape.length >= 2 && shape[0] > 1;
        int steps = tm ? Math.toIntExact(shape[0]) : 1, frame = n / steps;
        long[] full = new long[shape.length + 1];
        if (tm) { // [T, B, ...frame]
            full[0] = steps;
            full[1] = b;
            System.arraycopy(shape, 1, full, 2, shape.length - 1);
        } else {
            full[0] = b;
            System.arraycopy(shape, 0, full, 1, shape.length);
        }
        // on the CPU backend written straight into the array's own off-heap buffer (no whole-batch Java
        // array, no second copy); on others (device memory) through a Java array copied in once
        INDArray storage = HOST_MEMORY ? Nd4j.createUninitialized(DataType.FLOAT, full, 'c') : null;
        float[] all = HOST_MEMORY ? null : new float[Math.multiplyExact(b, n)];
        FloatBuffer dst = HOST_MEMORY ? storage.data().asNioFloat() : FloatBuffer.wrap(all);
        float[] one = new float[n];
        int[] labels = new int[b], idx = new int[b];
        for (int i = 0; i < b; i++) {
            idx[i] = order[from + i];
            labels[i] = data.label(idx[i]);
            data.copyFeatures(idx[i], one, 0);
            if (tm) for (int t = 0; t < steps; t++) dst.put((t * b + i) * frame, one, t * frame, frame);
            else dst.put(i * n, one, 0, n);
        }
        if (!HOST_MEMORY) storage = Nd4j.create(Nd4j.createBuffer(all), full, Nd4j.getStrides(full, 'c'), 0, 'c');
        return new Batch(tm ? storage.permute(swapFirstTwo(full.length)) : storage, labels, idx);
    }

    /** The permutation {@code [1, 0, 2, 3, ...]} of {@code rank} axes. */
    static int[] swapFirstTwo(int rank) {
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) p[i] = i;
        p[0] = 1;
        p[1] = 0;
        return p;
    }
}

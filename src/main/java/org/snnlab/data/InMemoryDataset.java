package org.snnlab.data;

import java.util.Arrays;

/**
 * A dataset held in memory as one example-major float array (example {@code i} occupies
 * {@code [i*F, (i+1)*F)} with {@code F = prod(shape)}) and an int label array. Immutable: the
 * arrays are taken over without copying (a 60,000-image set is 188 MB of floats), so the caller
 * must not modify them afterwards; nothing hands them out again. {@link #limit(int)} is a view.
 */
public final class InMemoryDataset implements Dataset {
    private final String name;
    private final long[] shape;
    private final int classes;
    private final float[] features;
    private final int[] labels;
    private final int size;
    private final String checksum;

    /**
     * @param name     short name for logs and provenance
     * @param shape    per-example feature shape, every dimension >= 1
     * @param classes  number of classes; every label must be in {@code [0, classes)}
     * @param features {@code labels.length * prod(shape)} values, example-major (taken over, not copied)
     * @param labels   class index per example (taken over, not copied)
     * @param checksum sha256 of the source bytes, for provenance
     */
    public InMemoryDataset(String name, long[] shape, int classes, float[] features, int[] labels, String checksum) {
        this(name, shape, classes, features, labels, labels.length, checksum);
    }

    private InMemoryDataset(String name, long[] shape, int classes, float[] features, int[] labels, int size, String checksum) {
        if (name == null || shape == null || features == null || labels == null || checksum == null)
            throw new IllegalArgumentException("name, shape, features, labels and checksum must not be null");
        if (shape.length == 0) throw new IllegalArgumentException(name + ": shape must have at least one dimension");
        long per = 1;
        for (long d : shape) {
            if (d < 1) throw new IllegalArgumentException("bad shape " + Arrays.toString(shape));
            per *= d;
        }
        if ((long) labels.length * per != features.length)
            throw new IllegalArgumentException(name + ": " + features.length + " feature values for " + labels.length
                    + " examples of shape " + Arrays.toString(shape));
        if (classes < 1) throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        for (int i = 0; i < labels.length; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new IllegalArgumentException(name + ": label[" + i + "] = " + labels[i] + " outside [0," + classes + ")");
        this.name = name;
        this.shape = shape.clone();
        this.classes = classes;
        this.features = features;
        this.labels = labels;
        this.size = size;
        this.checksum = checksum;
    }

    @Override
    public int size() { return size; }

    @Override
    public long[] shape() { return shape.clone(); }

    @Override
    public int classes() { return classes; }

    @Override
    public int label(int index) {
        check(index);
        return labels[index];
    }

    @Override
    public void copyFeatures(int index, float[] dst, int offset) {
        check(index);
        int n = features();
        System.arraycopy(features, index * n, dst, offset, n);
    }

    private void check(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(name + ": index " + index + " outside [0," + size + ")");
    }

    @Override
    public String checksum() { return checksum; }

    @Override
    public String name() { return size == labels.length ? name : name + "[:" + size + "]"; }

    @Override
    public Dataset limit(int n) {
        if (n < 1 || n > size) throw new IllegalArgumentException(name + ": limit " + n + " outside [1, " + size + "]");
        return new InMemoryDataset(name, shape, classes, features, labels, n, checksum);
    }

    /** Examples per class. */
    public int[] classCounts() {
        int[] c = new int[classes];
        for (int i = 0; i < size; i++) c[labels[i]]++;
        return c;
    }
}

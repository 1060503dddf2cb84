package org.snnlab.data;

/**
 * A labelled set of static examples with random access (images; event data framed to tensors).
 * Features are float32 in a fixed per-example shape, e.g. {@code [1, 28, 28]} scaled to [0, 1].
 */
public interface Dataset {
    int size();

    /** Per-example feature shape. */
    long[] shape();

    int classes();

    int label(int index);

    /** Copies example {@code index}'s features into {@code dst} starting at {@code offset}. */
    void copyFeatures(int index, float[] dst, int offset);

    /** sha256 of the source bytes (for provenance). */
    String checksum();

    String name();

    /** The first {@code n} examples. */
    Dataset limit(int n);

    /** Number of features of one example. */
    default int features() {
        long n = 1;
        for (long d : shape()) n *= d;
        return Math.toIntExact(n);
    }
}

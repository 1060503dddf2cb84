package org.snnlab.data;

/**
 * A labelled set of static examples with random access (images; event data already framed to
 * tensors). Every example has the same feature shape, e.g. {@code [1, 28, 28]}, as float32 values
 * (images scaled to [0, 1] as {@code x = byte / 255}); labels are class indices in
 * {@code [0, classes())}. Implementations are immutable, so one instance can be read from several
 * threads (a {@link Prefetcher} and the trainer).
 */
public interface Dataset {
    /** Number of examples. */
    int size();

    /** Per-example feature shape, e.g. {@code [1, 28, 28]} (a copy). */
    long[] shape();

    /** Number of classes; every label is in {@code [0, classes())}. */
    int classes();

    /** Class index of example {@code index}. */
    int label(int index);

    /** Copies example {@code index}'s {@link #features()} values into {@code dst} starting at {@code offset}. */
    void copyFeatures(int index, float[] dst, int offset);

    /** sha256 (lower-case hex) of the source file bytes, for provenance. */
    String checksum();

    /** Short name for logs and provenance, e.g. {@code fashion-mnist-train}. */
    String name();

    /** The first {@code n} examples ({@code 1 <= n <= size()}), as a view sharing this dataset's data. */
    Dataset limit(int n);

    /** Number of features of one example: the product of {@link #shape()}. */
    default int features() {
        long n = 1;
        for (long d : shape()) n *= d;
        return Math.toIntExact(n);
    }
}

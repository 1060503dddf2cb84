package org.snnlab.data;

/**
 * Which part of a data set a reader loads: the training examples or the held-out test examples,
 * as the data set's authors divide them (e.g. Fashion-MNIST's {@code train-*} / {@code t10k-*} files,
 * NCARS' {@code train/} / {@code test/} folders, DVS128 Gesture's {@code trials_to_train.txt} /
 * {@code trials_to_test.txt}).
 */
public enum Split {
    /** the training examples */
    TRAIN,
    /** the test examples */
    TEST;

    /** {@code "train"} or {@code "test"}: the suffix of a loaded split's name ({@code fashion-mnist-train}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

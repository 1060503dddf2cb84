package org.snnlab.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * MNIST (LeCun, Bottou, Bengio and Haffner 1998, Proc. IEEE 86:2278; CC BY-SA 3.0): 60,000 training
 * and 10,000 test greyscale images of handwritten digits 0-9, 28x28, in the same four IDX files as
 * {@link FashionMnist} ({@code train-*} / {@code t10k-*}, raw or gzipped), in the folder {@code mnist}
 * of a data root. Pixels become {@code x = byte / 255} in [0, 1], shape {@code [1, 28, 28]}.
 */
public final class Mnist {
    /** The data set's folder name under a data root. */
    public static final String FOLDER = "mnist";

    private Mnist() { }

    /** Loads one split from {@code dir}; named {@code mnist-train} / {@code mnist-test}. */
    public static InMemoryDataset load(Path dir, Split split) throws IOException {
        return FashionMnist.loadIdx(dir, split, "mnist-" + split.label(), 10);
    }
}

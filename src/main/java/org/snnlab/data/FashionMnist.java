package org.snnlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017; MIT licence, (c) Zalando SE): 60,000 training and
 * 10,000 test greyscale images of 28x28 in 10 classes, read from the IDX files. Looked for offline,
 * as {@code fashion-mnist} under the data roots of {@link DataRoots} in their order ({@code -Dsnnlab.data},
 * {@code $SNNLAB_DATA}, {@code ./data}, Debian's {@code dataset-fashion-mnist} package in
 * {@code /usr/share/datasets/fashion-mnist}, then the snnlab checkout's {@code data/}); when none holds
 * the full data, the subset bundled with snnlab in {@code data/fashion-mnist-subset} (see
 * {@link FashionMnistSubset}; a line on stderr says so, and the data set's name says {@code subset}).
 */
public final class FashionMnist {
    /** Class names by label 0..9, from the data set's README. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Where the files are published (folder {@code data/fashion} of the repository). */
    public static final String SOURCE = "https://github.com/zalandoresearch/fashion-mnist";
    /** The data set's folder name under a data root. */
    public static final String FOLDER = "fashion-mnist";

    private FashionMnist() { }

    /** Name of class {@code label} (0..9), e.g. {@code className(9) = "Ankle boot"}. */
    public static String className(int label) {
        if (label < 0 || label >= CLASSES.size()) throw new IllegalArgumentException("label " + label + " outside [0, 10)");
        return CLASSES.get(label);
    }

    /**
     * Folders searched first for a full copy, in order: {@code fashion-mnist} under the local data
     * roots of {@link DataRoots#standard()} ({@code -Dsnnlab.data}, {@code $SNNLAB_DATA}, {@code ./data},
     * then Debian's {@code /usr/share/datasets}); {@link #locate()} then tries the installation roots.
     */
    public static List<Path> candidates() {
        return DataRoots.standard().localFolders(FOLDER);
    }

    /** The four IDX files of the data set (each may also end in {@code .gz}). */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** Debian/Ubuntu package that installs the files in {@code /usr/share/datasets/fashion-mnist}. */
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";

    /**
     * Folders searched for the bundled subset when no full copy is found: {@code fashion-mnist-subset}
     * under every root of {@link DataRoots#standard()}, in order (its installation roots include
     * {@code ../data}, a notebook's working folder, {@code $SNNLAB_ROOT/data} and the snnlab checkout
     * the classes were loaded from).
     */
    public static List<Path> subsetCandidates() {
        return DataRoots.standard().folders(FashionMnistSubset.FOLDER);
    }

    /** {@link #locate(DataRoots)} over the standard roots. */
    public static Path locate() {
        return locate(DataRoots.standard());
    }

    /**
     * The first {@code <root>/fashion-mnist} of {@code roots} (every root, in order) holding all four
     * IDX files (raw or {@code .gz}); else the first {@code <root>/fashion-mnist-subset} that does
     * (saying so on stderr).
     *
     * @throws IllegalStateException with one message naming what to fetch, where to put it and the
     *                               Debian package, when no candidate folder has them
     */
    public static Path locate(DataRoots roots) {
        return locate(roots.folders(FOLDER), roots.folders(FashionMnistSubset.FOLDER));
    }

    /** What {@link #locate(DataRoots)} finds, without a word on stderr, or null where it would fail. */
    public static Path find(DataRoots roots) {
        for (Path p : roots.folders(FOLDER)) if (complete(p)) return p;
        for (Path p : roots.folders(FashionMnistSubset.FOLDER)) if (complete(p)) return p;
        return null;
    }

    /** Whether {@code dir} holds all four IDX files (raw or {@code .gz}). */
    public static boolean isComplete(Path dir) {
        return complete(dir);
    }

    static Path locate(List<Path> candidates) {
        return locate(candidates, List.of());
    }

    static Path locate(List<Path> candidates, List<Path> subsets) {
        for (Path p : candidates) if (complete(p)) return p;
        for (Path p : subsets)
            if (complete(p)) {
                System.err.println("snnlab: Fashion-MNIST: no full copy in " + candidates + "; using the bundled subset "
                        + p.toAbsolutePath().normalize() + " (first " + FashionMnistSubset.TRAIN + " training / "
                        + FashionMnistSubset.TEST + " test images by default; see its PROVENANCE.md)");
                return p;
            }
        throw new IllegalStateException("Fashion-MNIST not found: none of " + candidates + " holds all of " + FILES
                + " (raw or .gz)" + (subsets.isEmpty() ? "" : ", nor does the bundled subset in any of " + subsets)
                + ". Either install Debian's package (apt-get install " + DEBIAN_PACKAGE
                + ", files land in /usr/share/datasets/fashion-mnist), or run `bin/snnlab data download fashion-mnist`,"
                + " or download train-images-idx3-ubyte.gz,"
                + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz from "
                + SOURCE + " (folder data/fashion) into ./data/fashion-mnist/, $SNNLAB_DATA/fashion-mnist/ or"
                + " <-Dsnnlab.data>/fashion-mnist/.");
    }

    private static boolean complete(Path dir) {
        for (String f : FILES) if (file(dir, f) == null) return false;
        return true;
    }

    /**
     * Loads the training ({@link Split#TRAIN}: 60,000 images from {@code train-*}) or test split (10,000
     * from {@code t10k-*}) from {@code dir}, raw or gzipped. Pixels become {@code x = byte / 255} in
     * [0, 1], shape {@code [1, 28, 28]}; the checksum is the sha256 of the images file's bytes followed
     * by the labels file's bytes (as stored, i.e. compressed when gzipped). The name is
     * {@code fashion-mnist-train} / {@code -test}, or {@code fashion-mnist-subset-train} / {@code -test}
     * for a folder made by {@link FashionMnistSubset}.
     */
    public static InMemoryDataset load(Path dir, Split split) throws IOException {
        String name = (FashionMnistSubset.isSubset(dir) ? "fashion-mnist-subset-" : "fashion-mnist-") + split.label();
        return loadIdx(dir, split, name, CLASSES.size());
    }

    /**
     * The images and labels of an MNIST-layout folder ({@code train-*} / {@code t10k-*} IDX files, raw or
     * gzipped) as {@code x = byte / 255}, shape {@code [1, rows, cols]}, checksum the sha256 of the images
     * file's bytes followed by the labels file's bytes.
     */
    static InMemoryDataset loadIdx(Path dir, Split split, String name, int classes) throws IOException {
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        Path img = file(dir, prefix + "-images-idx3-ubyte"), lab = file(dir, prefix + "-labels-idx1-ubyte");
        if (img == null || lab == null)
            throw new IOException(dir + ": missing " + prefix + "-images-idx3-ubyte(.gz) or " + prefix + "-labels-idx1-ubyte(.gz)");
        Idx.Images images = Idx.readImages(img);
        int[] labels = Idx.readLabels(lab, classes);
        if (labels.length != images.count())
            throw new IOException(lab + ": " + labels.length + " labels for " + images.count() + " images in " + img);
        float[] f = new float[images.pixels().length];
        for (int i = 0; i < f.length; i++) f[i] = (images.pixels()[i] & 0xFF) / 255f;
        return new InMemoryDataset(name, new long[]{1, images.rows(), images.cols()}, classes, f, labels, sha256(img, lab));
    }

    static Path file(Path dir, String base) {
        for (String ext : new String[]{"", ".gz"}) {
            Path p = dir.resolve(base + ext);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    /** sha256 over the bytes of the given files, in order. */
    public static String sha256(Path... files) throws IOException {
        return org.snnlab.util.Hashing.sha256Hex(files);
    }
}

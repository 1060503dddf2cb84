package org.snnlab.data;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 and CIFAR-100 (Krizhevsky 2009) from their binary versions ({@link CifarBin}): 50,000
 * training and 10,000 test colour images of 32x32, as an {@link InMemoryDataset} of shape
 * {@code [3, 32, 32]} (channels red, green, blue) with {@code x = byte / 255} in [0, 1].
 *
 * <p>Files, as unpacked from the authors' archives: {@code cifar-10-batches-bin/data_batch_1.bin ..
 * data_batch_5.bin} (training, in that order) and {@code test_batch.bin}; {@code cifar-100-binary/train.bin}
 * and {@code test.bin}. A folder may be given as the one holding the {@code .bin} files or as its parent
 * (the data set folder the archive was unpacked into, e.g. {@code data/cifar-10}).
 */
public final class Cifar {
    /** CIFAR-10 class names by label, from {@code batches.meta.txt}. */
    public static final List<String> CLASSES_10 = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");
    /** Folder inside {@code cifar-10-binary.tar.gz}. */
    public static final String FOLDER_10 = "cifar-10-batches-bin";
    /** Folder inside {@code cifar-100-binary.tar.gz}. */
    public static final String FOLDER_100 = "cifar-100-binary";

    /** Which CIFAR-100 label to use as the class: the 100 fine classes or the 20 coarse super-classes. */
    public enum Labels { FINE, COARSE }

    private Cifar() { }

    /** The record files of a split, in reading order. */
    public static List<String> files(CifarBin.Layout layout, Split split) {
        if (layout == CifarBin.Layout.CIFAR100) return List.of(split == Split.TRAIN ? "train.bin" : "test.bin");
        if (split == Split.TEST) return List.of("test_batch.bin");
        List<String> f = new ArrayList<>();
        for (int i = 1; i <= 5; i++) f.add("data_batch_" + i + ".bin");
        return f;
    }

    /** Loads a CIFAR-10 split from {@code dir} (the {@code .bin} folder or its parent). */
    public static InMemoryDataset load10(Path dir, Split split) throws IOException {
        return load(dir, CifarBin.Layout.CIFAR10, split, Labels.FINE);
    }

    /** Loads a CIFAR-100 split from {@code dir}, classed by fine (100) or coarse (20) labels. */
    public static InMemoryDataset load100(Path dir, Split split, Labels labels) throws IOException {
        return load(dir, CifarBin.Layout.CIFAR100, split, labels);
    }

    private static InMemoryDataset load(Path dir, CifarBin.Layout layout, Split split, Labels which) throws IOException {
        Path folder = folder(dir, layout);
        List<Path> paths = new ArrayList<>();
        for (String f : files(layout, split)) {
            Path p = folder.resolve(f);
            if (!Files.isRegularFile(p))
                throw new IOException(folder + ": missing " + f + " (expected " + files(layout, split) + " from "
                        + (layout == CifarBin.Layout.CIFAR10 ? "cifar-10-binary.tar.gz" : "cifar-100-binary.tar.gz") + ")");
            paths.add(p);
        }
        List<CifarBin.Records> parts = new ArrayList<>();
        long n = 0;
        for (Path p : paths) {
            CifarBin.Records r = CifarBin.read(p, layout);
            parts.add(r);
            n += r.count();
        }
        float[] f = new float[Math.toIntExact(n * CifarBin.PIXELS)];
        int[] labels = new int[(int) n];
        int at = 0;
        for (CifarBin.Records r : parts) {
            byte[] px = r.pixels();
            for (int i = 0; i < px.length; i++) f[at * CifarBin.PIXELS + i] = (px[i] & 0xFF) / 255f;
            System.arraycopy(which == Labels.COARSE ? r.coarse() : r.labels(), 0, labels, at, r.count());
            at += r.count();
        }
        int classes = which == Labels.COARSE ? CifarBin.COARSE_CLASSES : layout.classes();
        String name = (layout == CifarBin.Layout.CIFAR10 ? "cifar-10" : "cifar-100-" + which.name().toLowerCase())
                + "-" + split.label();
        return new InMemoryDataset(name, new long[]{3, CifarBin.SIDE, CifarBin.SIDE}, classes, f, labels,
                FashionMnist.sha256(paths.toArray(new Path[0])));
    }

    /** {@code dir} itself when it holds the record files, else {@code dir/cifar-10-batches-bin} (or {@code cifar-100-binary}). */
    public static Path folder(Path dir, CifarBin.Layout layout) {
        String first = files(layout, Split.TEST).get(0);
        if (Files.isRegularFile(dir.resolve(first))) return dir;
        Path inner = dir.resolve(layout == CifarBin.Layout.CIFAR10 ? FOLDER_10 : FOLDER_100);
        return Files.isDirectory(inner) ? inner : dir;
    }

    /** Whether {@code dir} (the {@code .bin} folder or its parent) holds every record file of both splits. */
    public static boolean isComplete(Path dir, CifarBin.Layout layout) {
        Path folder = folder(dir, layout);
        for (Split s : Split.values())
            for (String f : files(layout, s)) if (!Files.isRegularFile(folder.resolve(f))) return false;
        return true;
    }
}

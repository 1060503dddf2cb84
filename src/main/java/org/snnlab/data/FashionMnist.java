package org.snnlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017; MIT licence, (c) Zalando SE): 60,000 training and
 * 10,000 test greyscale images of 28x28 in 10 classes, read from the IDX files. Looked for offline
 * first: {@code -Dsnnlab.data}, {@code $SNNLAB_DATA}, {@code ./data}, then Debian's
 * {@code dataset-fashion-mnist} package in {@code /usr/share/datasets/fashion-mnist}.
 */
public final class FashionMnist {
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final String SOURCE = "https://github.com/zalandoresearch/fashion-mnist";

    private FashionMnist() { }

    /** Folders searched, in order. */
    public static List<Path> candidates() {
        List<Path> c = new ArrayList<>();
        String prop = System.getProperty("snnlab.data");
        if (prop != null) c.add(Path.of(prop, "fashion-mnist"));
        String env = System.getenv("SNNLAB_DATA");
        if (env != null) c.add(Path.of(env, "fashion-mnist"));
        c.add(Path.of("data", "fashion-mnist"));
        c.add(Path.of("/usr/share/datasets/fashion-mnist"));
        return c;
    }

    /** The first folder holding the four IDX files; one clear message when there is none. */
    public static Path locate() {
        for (Path p : candidates()) if (file(p, "train-images-idx3-ubyte") != null && file(p, "t10k-labels-idx1-ubyte") != null) return p;
        throw new IllegalStateException("Fashion-MNIST not found in " + candidates() + ". Install Debian's package"
                + " (apt-get install dataset-fashion-mnist) or download train-images-idx3-ubyte.gz,"
                + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz from "
                + SOURCE + " into data/fashion-mnist/");
    }

    /** Loads the training ({@code train}) or test split from {@code dir}. Pixels are scaled to [0, 1]. */
    public static InMemoryDataset load(Path dir, boolean train) throws IOException {
        String prefix = train ? "train" : "t10k";
        Path img = file(dir, prefix + "-images-idx3-ubyte"), lab = file(dir, prefix + "-labels-idx1-ubyte");
        if (img == null || lab == null)
            throw new IOException(dir + ": missing " + prefix + "-images-idx3-ubyte(.gz) or " + prefix + "-labels-idx1-ubyte(.gz)");
        Idx.Images images = Idx.readImages(img);
        int[] labels = Idx.readLabels(lab, CLASSES.size());
        if (labels.length != images.count())
            throw new IOException(lab + ": " + labels.length + " labels for " + images.count() + " images in " + img);
        float[] f = new float[images.pixels().length];
        for (int i = 0; i < f.length; i++) f[i] = (images.pixels()[i] & 0xFF) / 255f;
        return new InMemoryDataset("fashion-mnist-" + (train ? "train" : "test"),
                new long[]{1, images.rows(), images.cols()}, CLASSES.size(), f, labels, sha256(img, lab));
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
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files) md.update(Files.readAllBytes(f));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.snnlab.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Makes the compact Fashion-MNIST subset bundled in {@code data/fashion-mnist-subset}: the FIRST
 * {@code train} training and {@code test} test images and labels of the full IDX files, written as
 * gzipped IDX files of the same names (so {@link FashionMnist#load} reads them unchanged), beside the
 * data set's MIT licence ({@code LICENSE}) and a {@code PROVENANCE.md} naming the source files and
 * their sha256, the Debian package and version they came from, the sha256 of every file written and
 * the command that made them. Writing is deterministic (gzip level 9, no time stamp in the header),
 * each file through a temp file and an atomic rename.
 */
public final class FashionMnistSubset {
    /** Folder name of the bundled subset under a data root. */
    public static final String FOLDER = "fashion-mnist-subset";
    /** First line of the provenance file; marks a folder as a subset. */
    public static final String TITLE = "# Fashion-MNIST subset";
    /** Images bundled by default: enough for the notebooks' {@code default} scale of 10,000 / 5,000. */
    public static final int TRAIN = 12_000, TEST = 6_000;

    /** The Fashion-MNIST licence (MIT / Expat), as in the upstream repository and Debian's copyright file. */
    public static final String LICENSE = """
            The MIT License (MIT)

            Copyright (c) 2017 Zalando SE, https://tech.zalando.com

            Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
            associated documentation files (the "Software"), to deal in the Software without restriction,
            including without limitation the rights to use, copy, modify, merge, publish, distribute,
            sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
            furnished to do so, subject to the following conditions:

            The above copyright notice and this permission notice shall be included in all copies or
            substantial portions of the Software.

            THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
            NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
            NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
            DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
            OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
            """;

    private FashionMnistSubset() { }

    /** What was written: file name to sha256 (the four IDX files), and the counts. */
    public record Made(Path dir, int train, int test, Map<String, String> sha256) { }

    /** Whether {@code dir} holds a subset made here (its PROVENANCE.md starts with {@link #TITLE}). */
    public static boolean isSubset(Path dir) {
        Path p = dir.resolve("PROVENANCE.md");
        try {
            return Files.isRegularFile(p) && Files.readAllLines(p, StandardCharsets.UTF_8).stream().findFirst()
                    .map(l -> l.startsWith(TITLE)).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes the first {@code train} / {@code test} images of the full files in {@code source} into
     * {@code dest}, with LICENSE and PROVENANCE.md ({@code command} is recorded as the way it was made).
     */
    public static Made make(Path source, Path dest, int train, int test, String command) throws IOException {
        if (train < 1 || test < 1) throw new IllegalArgumentException("train and test counts must be >= 1, got " + train + ", " + test);
        Files.createDirectories(dest);
        Map<String, String> sources = new LinkedHashMap<>(), written = new LinkedHashMap<>();
        int[] counts = new int[2];
        int[][] classCounts = new int[2][];
        for (int s = 0; s < 2; s++) {
            boolean isTrain = s == 0;
            String prefix = isTrain ? "train" : "t10k";
            int n = isTrain ? train : test;
            Path img = need(source, prefix + "-images-idx3-ubyte"), lab = need(source, prefix + "-labels-idx1-ubyte");
            Idx.Images images = Idx.readImages(img);
            int[] labels = Idx.readLabels(lab, FashionMnist.CLASSES.size());
            if (n > images.count() || n > labels.length)
                throw new IllegalArgumentException(img + " holds " + images.count() + " images, fewer than the " + n + " asked for");
            sources.put(img.toAbsolutePath().toString(), FashionMnist.sha256(img));
            sources.put(lab.toAbsolutePath().toString(), FashionMnist.sha256(lab));
            int per = images.rows() * images.cols();
            byte[] header = ByteBuffer.allocate(16).putInt(Idx.IMAGES_MAGIC).putInt(n).putInt(images.rows()).putInt(images.cols()).array();
            written.put(prefix + "-images-idx3-ubyte.gz", gzip(dest, prefix + "-images-idx3-ubyte.gz", header,
                    Arrays.copyOf(images.pixels(), n * per)));
            byte[] lb = new byte[n];
            classCounts[s] = new int[FashionMnist.CLASSES.size()];
            for (int i = 0; i < n; i++) {
                lb[i] = (byte) labels[i];
                classCounts[s][labels[i]]++;
            }
            written.put(prefix + "-labels-idx1-ubyte.gz", gzip(dest, prefix + "-labels-idx1-ubyte.gz",
                    ByteBuffer.allocate(8).putInt(Idx.LABELS_MAGIC).putInt(n).array(), lb));
            counts[s] = n;
        }
        atomicWrite(dest, "LICENSE", LICENSE.getBytes(StandardCharsets.UTF_8));
        String prov = provenance(source, sources, written, counts, classCounts, command);
        atomicWrite(dest, "PROVENANCE.md", prov.getBytes(StandardCharsets.UTF_8));
        return new Made(dest, train, test, written);
    }

    private static Path need(Path dir, String base) throws IOException {
        Path p = FashionMnist.file(dir, base);
        if (p == null) throw new IOException(dir + ": missing " + base + "(.gz)");
        return p;
    }

    private static String gzip(Path dir, String name, byte[] header, byte[] body) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + name, ".part");
        try {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16) {
                { def.setLevel(Deflater.BEST_COMPRESSION); }
            }) {
                out.write(header);
                out.write(body);
            }
            String sha = FashionMnist.sha256(tmp);
            publish(tmp, dir.resolve(name));
            return sha;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void atomicWrite(Path dir, String name, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + name, ".part");
        try {
            Files.write(tmp, content);
            publish(tmp, dir.resolve(name));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames {@code tmp} to {@code target} atomically, readable by all (temp files start as owner-only). */
    private static void publish(Path tmp, Path target) throws IOException {
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String provenance(Path source, Map<String, String> sources, Map<String, String> written, int[] counts,
                                     int[][] classCounts, String command) {
        List<String> l = new ArrayList<>();
        l.add(TITLE + " (" + counts[0] + " training, " + counts[1] + " test images)");
        l.add("");
        l.add("The first " + counts[0] + " training and the first " + counts[1] + " test images and labels of Fashion-MNIST");
        l.add("(Xiao, Rasul, Vollgraf 2017, arXiv:1708.07747; " + FashionMnist.SOURCE + "), in file order, unchanged,");
        l.add("as gzipped IDX files. Licence: MIT, Copyright (c) 2017 Zalando SE (see LICENSE).");
        l.add("");
        l.add("- source folder: `" + source.toAbsolutePath() + "`");
        l.add("- source package: " + debianPackage(source));
        l.add("- made by: `" + command + "` (class `" + FashionMnistSubset.class.getName() + "`)");
        l.add("- examples per class, training: " + Arrays.toString(classCounts[0]) + "; test: " + Arrays.toString(classCounts[1]));
        l.add("");
        l.add("| file | sha256 |");
        l.add("|---|---|");
        sources.forEach((f, sha) -> l.add("| source `" + f + "` | `" + sha + "` |"));
        written.forEach((f, sha) -> l.add("| bundled `" + f + "` | `" + sha + "` |"));
        return String.join("\n", l) + "\n";
    }

    /** "name version" of the Debian package owning the source (dpkg-query), or a note why unknown. */
    static String debianPackage(Path source) {
        if (!source.toAbsolutePath().normalize().startsWith("/usr/share/datasets")) return "not a Debian system path (no package)";
        try {
            Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Package} ${Version}", FashionMnist.DEBIAN_PACKAGE)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) return "Debian `" + out + "`";
            return "unknown (dpkg-query: " + out + ")";
        } catch (IOException e) {
            return "unknown (dpkg-query not available: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }
}

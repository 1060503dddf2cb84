package org.snnlab.data;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled Fashion-MNIST subset: the tool that makes it, the files in data/, and the fallback to them. */
class FashionMnistSubsetTest {
    static final Path BUNDLED = Path.of("data", FashionMnistSubset.FOLDER);

    @TempDir
    Path dir;

    /** Fixture "full" files: image i has pixel 300 = i % 251 and label i % 10 (shifted by the split). */
    private static void full(Path d, String prefix, int n, int shift) throws IOException {
        byte[] px = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            px[i * 784 + 300] = (byte) (i % 251);
            px[i * 784 + 783] = (byte) shift;
            labels[i] = (i + shift) % 10;
        }
        Idx.writeImages(d.resolve(prefix + "-images-idx3-ubyte.gz"), 28, 28, px, true);
        Idx.writeLabels(d.resolve(prefix + "-labels-idx1-ubyte"), labels, false);
    }

    private static void assertPrefix(InMemoryDataset whole, InMemoryDataset part) {
        float[] a = new float[784], b = new float[784];
        for (int i = 0; i < part.size(); i++) {
            whole.copyFeatures(i, a, 0);
            part.copyFeatures(i, b, 0);
            assertArrayEquals(a, b, "image " + i);
            assertEquals(whole.label(i), part.label(i), "label " + i);
        }
    }

    @Test
    void makesTheFirstNWithLicenceAndProvenance() throws IOException {
        Path src = Files.createDirectories(dir.resolve("full")), out = dir.resolve("subset");
        full(src, "train", 40, 0);
        full(src, "t10k", 20, 3);
        FashionMnistSubset.Made m = FashionMnistSubset.make(src, out, 25, 7, "test");
        InMemoryDataset train = FashionMnist.load(out, Split.TRAIN), test = FashionMnist.load(out, Split.TEST);
        assertEquals(25, train.size());
        assertEquals(7, test.size());
        assertPrefix(FashionMnist.load(src, Split.TRAIN), train);
        assertPrefix(FashionMnist.load(src, Split.TEST), test);
        assertEquals("fashion-mnist-subset-train", train.name());
        assertEquals("fashion-mnist-train", FashionMnist.load(src, Split.TRAIN).name());
        assertTrue(FashionMnistSubset.isSubset(out));
        assertTrue(Files.readString(out.resolve("LICENSE")).contains("Copyright (c) 2017 Zalando SE"));
        String prov = Files.readString(out.resolve("PROVENANCE.md"));
        for (var e : m.sha256().entrySet()) {
            assertEquals(FashionMnist.sha256(out.resolve(e.getKey())), e.getValue());
            assertTrue(prov.contains("| bundled `" + e.getKey() + "` | `" + e.getValue() + "` |"), prov);
        }
        assertTrue(prov.contains(FashionMnist.sha256(src.resolve("train-images-idx3-ubyte.gz"))), prov);
        assertTrue(prov.contains("not a Debian system path"), prov);
        byte[] first = Files.readAllBytes(out.resolve("train-images-idx3-ubyte.gz"));
        FashionMnistSubset.make(src, out, 25, 7, "test");
        assertArrayEquals(first, Files.readAllBytes(out.resolve("train-images-idx3-ubyte.gz")), "deterministic output");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnistSubset.make(src, out, 41, 1, "t"));
        assertTrue(e.getMessage().contains("holds 40 images"), e.getMessage());
        try (var s = Files.list(out)) {
            assertEquals(6, s.count(), "four IDX files, LICENSE, PROVENANCE.md, no temp files");
        }
    }

    @Test
    void locateFallsBackToTheSubsetAndSaysSo() throws IOException {
        Path src = Files.createDirectories(dir.resolve("full")), sub = dir.resolve("subset");
        full(src, "train", 12, 0);
        full(src, "t10k", 12, 0);
        FashionMnistSubset.make(src, sub, 10, 10, "test");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            assertEquals(src, FashionMnist.locate(List.of(dir.resolve("none"), src), List.of(sub)), "full data first");
            assertEquals("", err.toString());
            assertEquals(sub, FashionMnist.locate(List.of(dir.resolve("none")), List.of(dir.resolve("no"), sub)));
        } finally {
            System.setErr(old);
        }
        assertTrue(err.toString().contains("using the bundled subset") && err.toString().contains(sub.toString()), err.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FashionMnist.locate(List.of(dir.resolve("none")), List.of(dir.resolve("no"))));
        assertTrue(e.getMessage().contains("bundled subset") && e.getMessage().contains("data download fashion-mnist"), e.getMessage());
        assertTrue(FashionMnist.subsetCandidates().contains(BUNDLED), FashionMnist.subsetCandidates().toString());
    }

    @Test
    void bundledSubsetMatchesItsProvenanceAndTheRealFiles() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(BUNDLED), "run from the repository root (" + BUNDLED + ")");
        String prov = Files.readString(BUNDLED.resolve("PROVENANCE.md"));
        for (String f : FashionMnist.FILES) {
            String sha = FashionMnist.sha256(BUNDLED.resolve(f + ".gz"));
            assertTrue(prov.contains("| bundled `" + f + ".gz` | `" + sha + "` |"), f + " changed since PROVENANCE.md was written");
        }
        assertTrue(prov.contains("dataset-fashion-mnist"), prov);
        assertTrue(Files.readString(BUNDLED.resolve("LICENSE")).contains("MIT"));
        InMemoryDataset train = FashionMnist.load(BUNDLED, Split.TRAIN), test = FashionMnist.load(BUNDLED, Split.TEST);
        assertEquals(FashionMnistSubset.TRAIN, train.size());
        assertEquals(FashionMnistSubset.TEST, test.size());
        assertTrue(train.size() >= 10_000 && test.size() >= 5_000, "enough for the notebooks' default scale");
        for (int c : train.classCounts()) assertTrue(c > 1000, "every class present");
        long bytes = 0;
        for (String f : FashionMnist.FILES) bytes += Files.size(BUNDLED.resolve(f + ".gz"));
        assertTrue(bytes < 10_000_000, bytes + " bytes bundled");
        Path debian = FashionMnistTest.DEBIAN;
        Assumptions.assumeTrue(Files.isRegularFile(debian.resolve("train-images-idx3-ubyte.gz")), "no Debian dataset-fashion-mnist");
        assertPrefix(FashionMnist.load(debian, Split.TRAIN), train);
        assertPrefix(FashionMnist.load(debian, Split.TEST), test);
        assertFalse(FashionMnistSubset.isSubset(debian));
    }
}

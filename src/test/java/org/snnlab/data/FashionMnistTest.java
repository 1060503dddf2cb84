package org.snnlab.data;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fashion-MNIST: loading fixture files in the true format, locating, and the real Debian files. */
class FashionMnistTest {
    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    private static void fixture(Path dir, String prefix, int n, boolean gz) throws IOException {
        byte[] px = new byte[n * 28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            px[i * 784 + 400] = (byte) (25 * labels[i] + 5);
        }
        String ext = gz ? ".gz" : "";
        Idx.writeImages(dir.resolve(prefix + "-images-idx3-ubyte" + ext), 28, 28, px, gz);
        Idx.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), labels, gz);
    }

    @Test
    void loadsFixturesRawAndGzipScaledToUnitRange() throws IOException {
        fixture(dir, "train", 20, true);
        fixture(dir, "t10k", 7, false);
        InMemoryDataset train = FashionMnist.load(dir, Split.TRAIN), test = FashionMnist.load(dir, Split.TEST);
        assertEquals(20, train.size());
        assertEquals(7, test.size());
        assertArrayEquals(new long[]{1, 28, 28}, train.shape());
        assertEquals(10, train.classes());
        assertEquals(3, train.label(13));
        float[] f = new float[784];
        train.copyFeatures(13, f, 0);
        assertEquals(80 / 255f, f[400], 0);
        assertEquals(0f, f[0], 0);
        assertEquals(64, train.checksum().length());
        assertNotEquals(train.checksum(), test.checksum());
        assertEquals(FashionMnist.sha256(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz")),
                train.checksum());
        assertEquals("fashion-mnist-train[:5]", train.limit(5).name());
        assertEquals(5, train.limit(5).size());
        assertThrows(IndexOutOfBoundsException.class, () -> train.limit(5).label(5));
        assertThrows(IllegalArgumentException.class, () -> train.limit(21));
        assertThrows(IllegalArgumentException.class, () -> train.limit(0));
        assertEquals("Ankle boot", FashionMnist.className(9));
        assertEquals("T-shirt/top", FashionMnist.CLASSES.get(0));
    }

    @Test
    void locateTakesTheFirstCompleteFolderAndOtherwiseSaysWhatToFetch() throws IOException {
        Path partial = Files.createDirectory(dir.resolve("partial")), full = Files.createDirectory(dir.resolve("full"));
        fixture(partial, "train", 1, true);
        fixture(full, "train", 1, true);
        fixture(full, "t10k", 1, false);
        assertEquals(full, FashionMnist.locate(List.of(dir.resolve("none"), partial, full)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FashionMnist.locate(List.of(dir.resolve("none"), partial)));
        String m = e.getMessage();
        for (String part : new String[]{"https://github.com/zalandoresearch/fashion-mnist", "dataset-fashion-mnist",
                "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "data/fashion-mnist", partial.toString()})
            assertTrue(m.contains(part), "message lacks '" + part + "': " + m);
        List<Path> c = FashionMnist.candidates();
        assertEquals(DEBIAN, c.get(c.size() - 1));
        assertEquals(Path.of("data", "fashion-mnist"), c.get(c.size() - 2));
    }

    @Test
    void realDebianFiles() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(DEBIAN.resolve("train-images-idx3-ubyte.gz")),
                "Debian's dataset-fashion-mnist is not installed in " + DEBIAN);
        InMemoryDataset train = FashionMnist.load(DEBIAN, Split.TRAIN), test = FashionMnist.load(DEBIAN, Split.TEST);
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertArrayEquals(new long[]{1, 28, 28}, train.shape());
        assertArrayEquals(new long[]{1, 28, 28}, test.shape());
        for (int c : train.classCounts()) assertEquals(6000, c);
        for (int c : test.classCounts()) assertEquals(1000, c);
        assertEquals(64, train.checksum().length());
        float[] f = new float[784];
        float min = 1, max = 0;
        for (int i = 0; i < 100; i++) {
            train.copyFeatures(i, f, 0);
            for (float v : f) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertEquals(0f, min, 0);
        assertEquals(1f, max, 0);
        assertEquals(9, train.label(0), "the first training image is an ankle boot");
    }
}

package org.snnlab.data;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IDX round trips (raw and gzip) and clear errors for corrupt, truncated and empty files. */
class IdxTest {
    @TempDir
    Path dir;

    @Test
    void roundTripRawAndGzip() throws IOException {
        byte[] px = new byte[3 * 4 * 5];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 7);
        int[] labels = {2, 0, 9};
        for (boolean gz : new boolean[]{false, true}) {
            Path img = dir.resolve("img" + gz), lab = dir.resolve("lab" + gz);
            Idx.writeImages(img, 4, 5, px, gz);
            Idx.writeLabels(lab, labels, gz);
            Idx.Images im = Idx.readImages(img);
            assertEquals(3, im.count());
            assertEquals(4, im.rows());
            assertArrayEquals(px, im.pixels());
            assertArrayEquals(labels, Idx.readLabels(lab, 10));
            Path again = dir.resolve("again" + gz);
            Idx.writeImages(again, 4, 5, im.pixels(), false);
            if (!gz) assertArrayEquals(Files.readAllBytes(img), Files.readAllBytes(again), "byte-exact");
        }
    }

    static void assertMessage(Path file, String part, ThrowingRunnable r) {
        IOException e = assertThrows(IOException.class, r::run);
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(part), e.getMessage());
    }

    interface ThrowingRunnable { void run() throws IOException; }

    @Test
    void corruptTruncatedAndEmptyFilesNameFileAndOffset() throws IOException {
        Path img = dir.resolve("img");
        Idx.writeImages(img, 2, 2, new byte[12], false);
        byte[] b = Files.readAllBytes(img);
        Path trunc = dir.resolve("trunc");
        Files.write(trunc, Arrays.copyOf(b, b.length - 3));
        assertMessage(trunc, "truncated at byte 25", () -> Idx.readImages(trunc));
        Path magic = dir.resolve("magic");
        byte[] m = b.clone();
        m[3] = 1;
        Files.write(magic, m);
        assertMessage(magic, "bad magic 0x00000801 at byte 0", () -> Idx.readImages(magic));
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        assertMessage(empty, "empty file", () -> Idx.readImages(empty));
        Path lab = dir.resolve("lab");
        Idx.writeLabels(lab, new int[]{1, 12}, false);
        assertMessage(lab, "label 12 at byte 9", () -> Idx.readLabels(lab, 10));
    }

    @Test
    void realFashionMnist() throws IOException {
        Path dirFm;
        try {
            dirFm = FashionMnist.locate();
        } catch (IllegalStateException e) {
            Assumptions.abort("Fashion-MNIST not installed: " + e.getMessage());
            return;
        }
        InMemoryDataset train = FashionMnist.load(dirFm, true), test = FashionMnist.load(dirFm, false);
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertArrayEquals(new long[]{1, 28, 28}, train.shape());
        for (int c : train.classCounts()) assertEquals(6000, c);
        assertEquals(64, train.checksum().length());
        int[] p1 = Batches.permutation(100, 5), p2 = Batches.permutation(100, 5);
        assertArrayEquals(p1, p2);
        Batch batch = Batch.of(train, p1, 10, 20);
        assertArrayEquals(new long[]{10, 1, 28, 28}, batch.features().shape());
        assertEquals(train.label(p1[12]), batch.labels()[2]);
        float[] f = new float[784];
        train.copyFeatures(p1[12], f, 0);
        assertEquals(f[400], batch.features().getFloat(2, 0, 14, 8), 0);
    }
}

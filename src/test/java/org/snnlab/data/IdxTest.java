package org.snnlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IDX round trips (raw and gzip, byte-exact) and clear errors for corrupt, truncated and empty files. */
class IdxTest {
    @TempDir
    Path dir;

    @Test
    void writerProducesTheTrueFormat() throws IOException {
        Path img = dir.resolve("img"), lab = dir.resolve("lab");
        Idx.writeImages(img, 2, 3, new byte[][]{{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, (byte) 255}}, false);
        Idx.writeLabels(lab, new int[]{3, 9}, false);
        ByteBuffer h = ByteBuffer.allocate(16).putInt(0x803).putInt(2).putInt(2).putInt(3);
        byte[] want = new byte[28];
        System.arraycopy(h.array(), 0, want, 0, 16);
        for (int i = 0; i < 12; i++) want[16 + i] = (byte) (i + 1);
        want[27] = (byte) 255;
        assertArrayEquals(want, Files.readAllBytes(img));
        assertArrayEquals(new byte[]{0, 0, 8, 1, 0, 0, 0, 2, 3, 9}, Files.readAllBytes(lab));
        assertEquals(255, Idx.readImages(img).pixel(1, 1, 2));
    }

    @Test
    void roundTripRawAndGzipIsByteExact() throws IOException {
        byte[] px = new byte[3 * 4 * 5];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 7);
        int[] labels = {2, 0, 9};
        for (boolean gz : new boolean[]{false, true}) {
            Path img = dir.resolve("img" + gz), lab = dir.resolve("lab" + gz);
            Idx.writeImages(img, 4, 5, px, gz);
            Idx.writeLabels(lab, labels, gz);
            assertEquals(gz, Idx.isGzip(Files.readAllBytes(img)), "gzip detected by magic bytes");
            Idx.Images im = Idx.readImages(img);
            assertEquals(3, im.count());
            assertEquals(4, im.rows());
            assertEquals(5, im.cols());
            assertArrayEquals(px, im.pixels());
            int[] back = Idx.readLabels(lab, 10);
            assertArrayEquals(labels, back);
            Path img2 = dir.resolve("again-img" + gz), lab2 = dir.resolve("again-lab" + gz);
            Idx.writeImages(img2, im.rows(), im.cols(), im.pixels(), gz);
            Idx.writeLabels(lab2, back, gz);
            assertArrayEquals(Files.readAllBytes(img), Files.readAllBytes(img2), "images byte-exact, gzip " + gz);
            assertArrayEquals(Files.readAllBytes(lab), Files.readAllBytes(lab2), "labels byte-exact, gzip " + gz);
        }
        assertArrayEquals(Idx.content(dir.resolve("imgfalse")), Idx.content(dir.resolve("imgtrue")));
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
        Path header = dir.resolve("header");
        Files.write(header, Arrays.copyOf(b, 10));
        assertMessage(header, "truncated header at byte 10", () -> Idx.readImages(header));
        Path magic = dir.resolve("magic");
        byte[] m = b.clone();
        m[3] = 1;
        Files.write(magic, m);
        assertMessage(magic, "bad magic 0x00000801 at byte 0", () -> Idx.readImages(magic));
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        assertMessage(empty, "empty file (0 bytes at byte 0)", () -> Idx.readImages(empty));
        assertMessage(empty, "at byte 0", () -> Idx.readLabels(empty, 10));
        Path rows = dir.resolve("rows");
        byte[] r = b.clone();
        r[11] = 0;
        Files.write(rows, r);
        assertMessage(rows, "bad row count 0 at byte 8", () -> Idx.readImages(rows));
    }

    @Test
    void labelErrorsNameFileAndOffset() throws IOException {
        Path lab = dir.resolve("lab");
        Idx.writeLabels(lab, new int[]{1, 12}, false);
        assertMessage(lab, "label 12 at byte 9", () -> Idx.readLabels(lab, 10));
        assertMessage(lab, "bad magic 0x00000801 at byte 0", () -> Idx.readImages(lab));
        Path img = dir.resolve("img");
        Idx.writeImages(img, 1, 1, new byte[1], false);
        assertMessage(img, "bad magic 0x00000803 at byte 0", () -> Idx.readLabels(img, 10));
        Path trunc = dir.resolve("trunc-lab");
        Files.write(trunc, Arrays.copyOf(Files.readAllBytes(lab), 9));
        assertMessage(trunc, "truncated at byte 9", () -> Idx.readLabels(trunc, 10));
    }

    @Test
    void truncatedGzipNamesFileAndDecompressedOffset() throws IOException {
        Path gz = dir.resolve("img.gz");
        byte[] px = new byte[200_000];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 31 + (i >> 7));
        Idx.writeImages(gz, 100, 100, px, true);
        byte[] all = Files.readAllBytes(gz);
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        assertMessage(cut, "truncated gzip stream at byte ", () -> Idx.readImages(cut));
        Path cutHeader = dir.resolve("cut-header.gz");
        Files.write(cutHeader, Arrays.copyOf(all, 5));
        assertMessage(cutHeader, "at byte 0", () -> Idx.readImages(cutHeader));
    }
}

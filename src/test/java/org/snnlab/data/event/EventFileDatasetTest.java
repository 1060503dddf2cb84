package org.snnlab.data.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.data.Batch;
import org.snnlab.data.Batches;
import org.snnlab.data.Prefetcher;
import org.snnlab.data.event.transform.ToFrames;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event files framed on demand (N-MNIST layout), framing straight into a buffer, and the loading benchmark. */
class EventFileDatasetTest {
    @TempDir
    Path dir;

    @Test
    void framesIntoAgreesWithFramesInEveryMode() {
        Events e = EventReadersTest.random(34, 3000, 300_000, 4);
        for (ToFrames tf : new ToFrames[]{new ToFrames(ToFrames.Mode.BINS, 25, false), new ToFrames(ToFrames.Mode.TIME_WINDOW, 7000, true),
                new ToFrames(ToFrames.Mode.EVENT_COUNT, 400, false)}) {
            long[] n = new long[1];
            float[] ref = tf.frames(e, n);
            int plane = 2 * 34 * 34, f = (int) n[0];
            assertEquals(f, tf.frameCount(e));
            float[] dst = new float[5 + ref.length];
            Arrays.fill(dst, 9f);
            tf.framesInto(e, dst, 5, f);
            assertArrayEquals(ref, Arrays.copyOfRange(dst, 5, dst.length), tf.toString());
            assertEquals(9f, dst[4], 0, "nothing before the offset touched");
            float[] part = new float[3 * plane];
            tf.framesInto(e, part, 0, 3);
            assertArrayEquals(Arrays.copyOf(ref, 3 * plane), part, "first three frames only");
        }
        assertEquals(3000f, sum(new ToFrames(ToFrames.Mode.BINS, 25, false).frames(e, new long[1])), 0, "every event counted once");
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float x : v) s += x;
        return s;
    }

    private Path nmnist(int perClass, int classes) throws IOException {
        Path split = dir.resolve("Train");
        for (int c = 0; c < classes; c++)
            for (int k = 0; k < perClass - (c == 0 ? 1 : 0); k++) { // class 0 has one file fewer
                Path f = split.resolve(String.valueOf(c)).resolve(String.format("%05d.bin", k));
                Files.createDirectories(f.getParent());
                NmnistBin.write(f, EventReadersTest.random(34, 200 + 10 * k + c, 300_000, 100L * c + k));
            }
        return split;
    }

    @Test
    void nmnistFoldersReadAndFrameOnDemand() throws IOException {
        Path split = nmnist(3, 4);
        EventFileDataset d = EventFileDataset.nmnist(split, 10);
        assertEquals(11, d.size());
        assertArrayEquals(new long[]{10, 2, 34, 34}, d.shape());
        assertEquals(4, d.classes());
        int[] labels = new int[d.size()];
        for (int i = 0; i < d.size(); i++) labels[i] = d.label(i);
        assertArrayEquals(new int[]{0, 1, 2, 3, 0, 1, 2, 3, 1, 2, 3}, labels, "classes interleaved; class 0 ran out");
        assertEquals(split.resolve("2/00001.bin"), d.file(6));
        float[] got = new float[d.features() + 1];
        got[0] = 5f;
        d.copyFeatures(6, got, 1);
        assertEquals(5f, got[0], 0);
        float[] ref = new ToFrames(ToFrames.Mode.BINS, 10, false).frames(NmnistBin.read(d.file(6)), new long[1]);
        assertArrayEquals(ref, Arrays.copyOfRange(got, 1, got.length));
        assertEquals(4, d.limit(4).size());
        assertEquals(64, d.checksum().length());
        try (Prefetcher<Batch> p = Batches.prefetch(d, Batches.permutation(d.size(), 1), 4)) {
            Batch b = p.next();
            assertArrayEquals(new long[]{4, 10, 2, 34, 34}, b.features().shape());
        }
        byte[] bytes = Files.readAllBytes(d.file(2));
        Files.write(d.file(2), Arrays.copyOf(bytes, bytes.length - 2));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> d.copyFeatures(2, got, 0));
        assertTrue(e.getCause().getMessage().contains(d.file(2).toString()) && e.getCause().getMessage().contains("at byte"),
                e.getCause().getMessage());
    }

    @Test
    void fusedNmnistFramingAgreesWithThePurePath() throws IOException {
        Events same = new Events(34, 34, new int[]{0, 33, 5, 5}, new int[]{0, 33, 6, 6}, new long[]{7, 7, 7, 7}, new byte[]{1, 0, 1, 1});
        Events one = new Events(34, 34, new int[]{3}, new int[]{4}, new long[]{100}, new byte[]{0});
        Events[] streams = {EventReadersTest.random(34, 5000, 300_000, 8), EventReadersTest.random(34, 700, 40, 9), same, one,
                EventReadersTest.random(34, 3000, 8_000_000, 10)};
        for (int s = 0; s < streams.length; s++) {
            Path f = dir.resolve("s" + s + ".bin");
            NmnistBin.write(f, streams[s]);
            for (int bins : new int[]{1, 3, 25, 64})
                for (boolean binary : new boolean[]{false, true}) {
                    ToFrames tf = new ToFrames(ToFrames.Mode.BINS, bins, binary);
                    float[] pure = tf.frames(NmnistBin.read(f), new long[1]), fused = new float[pure.length + 2];
                    Arrays.fill(fused, -1f);
                    assertTrue(NmnistBin.binsInto(f, bins, binary, fused, 1));
                    assertArrayEquals(pure, Arrays.copyOfRange(fused, 1, pure.length + 1), "stream " + s + ", " + tf);
                    assertEquals(-1f, fused[0], 0);
                    assertEquals(-1f, fused[pure.length + 1], 0);
                }
        }
        Events unsorted = new Events(34, 34, new int[]{1, 2}, new int[]{1, 2}, new long[]{50, 10}, new byte[]{1, 1});
        Path u = dir.resolve("unsorted.bin");
        NmnistBin.write(u, unsorted);
        float[] buf = new float[3 * 2312];
        Arrays.fill(buf, 4f);
        assertTrue(!NmnistBin.binsInto(u, 3, false, buf, 0) && buf[0] == 4f, "unsorted: declined, nothing written");
        byte[] good = Files.readAllBytes(dir.resolve("s0.bin"));
        byte[] outside = good.clone();
        outside[5 * 7] = 34;
        for (byte[] bad : new byte[][]{new byte[0], Arrays.copyOf(good, 13), outside}) {
            Path f = Files.write(dir.resolve("bad.bin"), bad);
            IOException pure = assertThrows(IOException.class, () -> NmnistBin.read(f));
            IOException fused = assertThrows(IOException.class, () -> NmnistBin.binsInto(f, 5, false, buf, 0));
            assertEquals(pure.getMessage(), fused.getMessage());
        }
        Path split = nmnist(2, 3);
        EventFileDataset fast = EventFileDataset.nmnist(split, 25), slow = fast.fused(false);
        Files.copy(u, split.resolve("1/00000.bin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        float[] a = new float[fast.features()], b = new float[slow.features()];
        for (int i = 0; i < fast.size(); i++) {
            fast.copyFeatures(i, a, 0);
            slow.copyFeatures(i, b, 0);
            assertArrayEquals(b, a, "example " + i);
        }
    }

    @Test
    void benchPrintsOneJsonLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true));
        try {
            assertEquals(0, org.snnlab.cli.Main.run("data", "bench", "--samples", "12", "--batch", "4", "--bins", "5",
                    "--dir", dir.resolve("bench").toString(), "--train-steps", "2"));
        } finally {
            System.setOut(old);
        }
        String line = out.toString().strip();
        assertEquals(1, line.lines().count(), line);
        for (String k : new String[]{"\"read_frame_events_per_s\":", "\"read_frame_fused_events_per_s\":", "\"pipeline_batches_per_s\":",
                "\"batches\":3", "\"loading_fraction_of_step\":", "\"conv_step_ms_with_loading\":"})
            assertTrue(line.contains(k), line);
        assertTrue(Files.isDirectory(dir.resolve("bench/Train/0")), "--dir keeps the event files");
    }
}

package org.snnlab.data.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.data.DataCache;
import org.snnlab.data.event.transform.EventTransform;
import org.snnlab.data.event.transform.ToFrames;
import org.snnlab.data.event.transform.Transforms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frame cache, Tonic-exact denoise, sorting/chunking, Prophesee sensor size, throughput figure. */
class FrameCacheAndMoreTest {
    @TempDir
    Path dir;

    @Test
    void frameCacheHitsMissesListsAndClears() throws IOException {
        Path src = dir.resolve("s.bin");
        NmnistBin.write(src, EventReadersTest.random(34, 300, 300_000, 4));
        DataCache cache = new DataCache(dir.resolve("cache"));
        EventTransform p = Transforms.denoise(5000).then(Transforms.dropEvents(0.1));
        ToFrames tf = new ToFrames(ToFrames.Mode.BINS, 10, false);
        int[] reads = {0};
        EventReader counting = f -> { reads[0]++; return NmnistBin.read(f); };
        INDArray a = cache.frames(src, counting, p, tf, 7);
        INDArray b = cache.frames(src, counting, p, tf, 7);
        assertEquals(1, reads[0], "second call served from disk");
        assertEquals(a, b);
        assertEquals(1, cache.list().size());
        assertTrue(cache.list().get(0).description().contains("denoise(filter_us=5000) | drop_events(p=0.1)"), cache.list().get(0).description());
        cache.frames(src, counting, p, tf, 8);
        cache.frames(src, counting, p, new ToFrames(ToFrames.Mode.BINS, 5, false), 7);
        assertEquals(3, cache.list().size(), "seed and frame parameters are part of the key");
        NmnistBin.write(src, EventReadersTest.random(34, 300, 300_000, 5));
        cache.frames(src, counting, p, tf, 7);
        assertEquals(4, cache.list().size(), "a changed source is a new entry");
        assertThrows(IllegalArgumentException.class, () -> cache.frames(src, counting, (e, r) -> e, tf, 7));
        assertEquals(4, cache.clear());
        assertEquals(0, cache.list().size());
    }

    @Test
    void tonicDenoiseUsesFourNeighboursAndItsStartValue() {
        Events tiny = TransformsTest.tiny();
        Events d = Transforms.denoiseTonic(200).apply(tiny, new SplittableRandom(1));
        assertEquals(3, d.size(), "Tonic keeps events before t=filter (memory starts at filter) and (2,1)@100");
        assertEquals(5000, tiny.t(3));
        // a diagonal neighbour counts for the 8-neighbourhood only
        Events diag = new Events(4, 4, new int[]{1, 2}, new int[]{1, 2}, new long[]{1000, 1100}, new byte[]{1, 1});
        assertEquals(1, Transforms.denoise(500).apply(diag, null).size());
        assertEquals(0, Transforms.denoiseTonic(500).apply(diag, null).size());
    }

    @Test
    void sortChunkAndTimeSlice() {
        Events e = new Events(4, 4, new int[]{0, 1, 2, 3}, new int[]{0, 0, 0, 0}, new long[]{30, 10, 20, 10}, new byte[]{1, 0, 1, 0});
        Events s = e.sorted();
        assertTrue(s.isSorted());
        assertEquals(1, s.x(0), "stable: (1,t=10) before (3,t=10)");
        assertEquals(3, s.x(1));
        assertEquals(2, s.between(10, 30).size() - 1);
        assertEquals(2, s.chunks(3).size());
        assertThrows(IllegalStateException.class, () -> e.between(0, 5));
    }

    @Test
    void propheseeSensorFromHeaderElseGiven() throws IOException {
        Events e = new Events(5, 3, new int[]{1, 4}, new int[]{0, 2}, new long[]{1, 2}, new byte[]{1, 0});
        Path f = dir.resolve("a.dat");
        Files.write(f, new byte[]{0, 8, 1, 0, 0, 0, 1, 0, 0, 0});
        assertEquals(2, PropheseeDat.read(f).width(), "no header: bounding box");
        assertEquals(304, PropheseeDat.read(f, 304, 240).width(), "no header: the given size");
        PropheseeDat.write(f, e);
        assertEquals(5, PropheseeDat.read(f, 304, 240).width(), "header wins");
    }

    /** Reading + framing throughput for N-MNIST-sized samples (4500 events, 34x34, 300 ms); printed, not asserted tightly. */
    @Test
    void throughputReadAndFrame() throws IOException {
        int files = 200, n = 4500;
        for (int i = 0; i < files; i++) NmnistBin.write(dir.resolve(i + ".bin"), EventReadersTest.random(34, n, 300_000, i));
        ToFrames tf = new ToFrames(ToFrames.Mode.TIME_WINDOW, 10_000, false);
        double best = 0, bestRead = 0;
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime(), readNs = 0;
            double sum = 0;
            for (int i = 0; i < files; i++) {
                long r0 = System.nanoTime();
                Events e = NmnistBin.read(dir.resolve(i + ".bin"));
                readNs += System.nanoTime() - r0;
                sum += tf.apply(e).getFloat(0, 0, 0, 0);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, files * (double) n / s);
            bestRead = Math.max(bestRead, files * (double) n / (readNs / 1e9));
            assertTrue(sum >= 0);
        }
        System.out.printf("THROUGHPUT read+frame(30 x 10 ms windows): %.2f M events/s (%.0f samples/s); read alone %.2f M events/s%n",
                best / 1e6, best / n, bestRead / 1e6);
        assertNotEquals(0, best);
    }
}

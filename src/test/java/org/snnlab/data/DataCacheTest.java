package org.snnlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.data.event.NmnistBin;
import org.snnlab.data.event.transform.ToFrames;
import org.snnlab.data.event.transform.Transforms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one data cache: built once per key, read back identically, a damaged entry rebuilt; frames and data sets in one format. */
class DataCacheTest {

    static InMemoryDataset data() {
        float[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        return new InMemoryDataset("emulated-x[:3]", new long[]{2, 2}, 3, x, new int[]{2, 0, 1}, "abc123");
    }

    @Test
    void builtOnceReadBackAndRebuiltWhenDamaged(@TempDir Path dir) throws Exception {
        DataCache c = new DataCache(dir);
        AtomicInteger builds = new AtomicInteger();
        DataCache.Builder b = () -> {
            builds.incrementAndGet();
            return data();
        };
        c.get("k1", b);
        InMemoryDataset back = c.get("k1", b);
        assertEquals(1, builds.get(), "the second call reads the file");
        assertEquals("emulated-x[:3]", back.name());
        assertEquals("abc123", back.checksum(), "the checksum (part of a run's resume fingerprint) survives");
        assertArrayEquals(new long[]{2, 2}, back.shape());
        assertEquals(3, back.classes());
        float[] row = new float[4];
        back.copyFeatures(2, row, 0);
        assertArrayEquals(new float[]{8, 9, 10, 11}, row);
        assertEquals(1, back.label(2));
        c.get("k2", b);
        assertEquals(2, builds.get(), "another key, another entry");
        Path entry;
        try (Stream<Path> s = Files.list(dir)) {
            entry = s.filter(p -> p.getFileName().toString().startsWith(DataCache.sha256("k1"))).findFirst().orElseThrow();
        }
        Files.write(entry, new byte[]{1, 2, 3});
        assertEquals(3, c.get("k1", b).size());
        assertEquals(3, builds.get(), "a damaged entry is rebuilt");
    }

    @Test
    void framesAndDataSetsShareOneFormatAndOneListing(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("s.bin");
        NmnistBin.write(src, DataCatalogTest.random(34, 200, 100_000, 3));
        DataCache c = new DataCache(dir.resolve("cache"));
        ToFrames tf = new ToFrames(ToFrames.Mode.BINS, 3, false);
        INDArray f = c.frames(src, NmnistBin::read, Transforms.denoise(5000), tf, 1);
        assertEquals(f, c.frames(src, NmnistBin::read, Transforms.denoise(5000), tf, 1));
        c.get("k1", DataCacheTest::data);
        List<DataCache.Entry> list = c.list();
        assertEquals(2, list.size());
        assertEquals(DataCache.Kind.FRAMES, list.get(0).kind(), "frames first");
        assertEquals("s.bin", list.get(0).name());
        assertArrayEquals(new long[]{3, 2, 34, 34}, list.get(0).shape());
        assertTrue(list.get(0).description().startsWith("denoise(filter_us=5000)\nto_frames(bins=3,counts)\nseed=1"), list.get(0).description());
        assertEquals(DataCache.Kind.DATASET, list.get(1).kind());
        assertEquals("emulated-x[:3]", list.get(1).name());
        assertEquals("k1", list.get(1).description(), "a data set's description is its key");
        assertEquals(3, list.get(1).size());
        assertEquals(DataCache.sha256("k1"), list.get(1).key());
        for (DataCache.Entry e : list) {
            byte[] b = Files.readAllBytes(e.file());
            assertEquals(0x53, b[0], "little endian: the magic's low byte 'S' first");
            assertEquals(2, b[4], "format version 2");
        }
    }

    @Test
    void aTruncatedEntryNamesTheFileAndByteAndIsListedAsUnreadable(@TempDir Path dir) throws Exception {
        DataCache c = new DataCache(dir);
        c.get("k", DataCacheTest::data);
        Path f = dir.resolve(DataCache.sha256("k") + ".snnds");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 6));
        IOException e = assertThrows(IOException.class, () -> CacheFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("at byte " + (b.length - 6)), e.getMessage());
        Files.write(f, Arrays.copyOf(b, 10));
        assertEquals("(unreadable)", c.list().get(0).name());
        assertNull(c.list().get(0).kind());
        assertEquals(1, c.clear());
    }
}

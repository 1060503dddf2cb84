package org.snnlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.data.InMemoryDataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The emulated-data cache: built once per key, read back identically, a damaged entry rebuilt. */
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
}

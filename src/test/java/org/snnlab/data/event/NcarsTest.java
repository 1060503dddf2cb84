package org.snnlab.data.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.data.Split;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NCARS folders of real-format Prophesee .dat files, framed into FastSpiker's 100x100 binary input. */
class NcarsTest {
    @TempDir
    Path dir;

    @Test
    void framesBalancedSplitsFromDatFolders() throws IOException {
        for (String split : new String[]{"train", "test"})
            for (String cls : Ncars.CLASSES) Files.createDirectories(dir.resolve(split).resolve(cls));
        // 120x120 recordings: events outside the 100x100 window are dropped
        for (int i = 0; i < 3; i++) {
            PropheseeDat.write(dir.resolve("train/cars/c" + i + ".dat"), EventReadersTest.random(120, 300, 100_000, i));
            PropheseeDat.write(dir.resolve("train/background/b" + i + ".dat"), EventReadersTest.random(120, 200, 100_000, 10 + i));
        }
        PropheseeDat.write(dir.resolve("test/cars/c.dat"), EventReadersTest.random(120, 50, 100_000, 7));
        var ds = Ncars.frames(dir, Split.TRAIN, 10, 5);
        assertEquals(5, ds.size());
        assertArrayEquals(new long[]{10, 2, 100, 100}, ds.shape());
        assertArrayEquals(new int[]{0, 1, 0, 1, 0}, new int[]{ds.label(0), ds.label(1), ds.label(2), ds.label(3), ds.label(4)});
        Events cars0 = PropheseeDat.read(dir.resolve("train/cars/c0.dat"), 100, 100);
        int inside = Ncars.window(cars0).size();
        assertTrue(inside < cars0.size() && inside > 0, "window keeps " + inside + " of " + cars0.size());
        float[] f = new float[ds.features()];
        ds.copyFeatures(1, f, 0);
        int ones = 0;
        for (float v : f) { assertTrue(v == 0f || v == 1f); ones += (int) v; }
        assertTrue(ones > 0 && ones <= inside, ones + " active pixels from " + inside + " events");
        assertEquals(1, Ncars.frames(dir, Split.TEST, 10, 100).size());
        Files.delete(dir.resolve("test/cars/c.dat"));
        IOException empty = assertThrows(IOException.class, () -> Ncars.frames(dir, Split.TEST, 10, 100));
        assertTrue(empty.getMessage().contains("no .dat samples"), empty.getMessage());
        IOException missing = assertThrows(IOException.class, () -> Ncars.frames(dir.resolve("nowhere"), Split.TRAIN, 10, 1));
        assertTrue(missing.getMessage().contains("nowhere"), missing.getMessage());
    }
}

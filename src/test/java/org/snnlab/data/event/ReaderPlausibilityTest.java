package org.snnlab.data.event;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files that are not what their reader expects are refused in one line naming the file and the offset or dataset. */
class ReaderPlausibilityTest {
    @TempDir
    Path dir;

    interface Reader { Object read(Path f) throws IOException; }

    private static String refused(Path f, Reader r, String... parts) {
        IOException e = assertThrows(IOException.class, () -> r.read(f));
        String m = e.getMessage();
        assertTrue(m.startsWith(f + ": "), m);
        assertEquals(1, m.lines().count(), m);
        for (String p : parts) assertTrue(m.contains(p), m);
        return m;
    }

    @Test
    void aHeaderlessRandomDatIsNotASensor() throws IOException {
        int refusedCount = 0;
        for (int seed = 0; seed < 200; seed++) {
            byte[] b = new byte[2 + 8 * 1000];
            new SplittableRandom(seed).nextBytes(b);
            b[0] = 0; // even with a plausible type and event size, random events are refused
            b[1] = 8;
            Path f = Files.write(dir.resolve("random" + seed + ".dat"), b);
            refused(f, PropheseeDat::read, "at byte ", "not a Prophesee .dat");
            refusedCount++;
        }
        assertEquals(200, refusedCount);
        byte[] type = new byte[2 + 8 * 4];
        type[0] = 0x42;
        type[1] = 8;
        refused(Files.write(dir.resolve("type.dat"), type), PropheseeDat::read, "event type 0x42", "at byte 0");
    }

    @Test
    void aBoundingBoxSensorLargerThanAnyProphesseeSensorIsRefused() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2 + 16).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0).put((byte) 8);
        b.putInt(5).putInt(3 | 2 << 14).putInt(9).putInt(15929 | 16235 << 14);
        refused(Files.write(dir.resolve("huge.dat"), b.array()), PropheseeDat::read, "event 1 at (15929,16235)", "at byte 10", "4096x4096");
        assertEquals(4, PropheseeDat.read(Files.write(dir.resolve("ok.dat"), java.util.Arrays.copyOf(b.array(), 10))).width(),
                "a plausible headerless file is still read");
        Path header = Files.writeString(dir.resolve("w.dat"), "% Width 2000000000\n% Height 240\n");
        refused(header, PropheseeDat::read, "header size 2000000000 outside 1..16384", "at byte 0");
    }

    @Test
    void shdDatasetsOfTheWrongTypeNameTheDataset() throws IOException {
        Path strings = shd("strings.h5", g -> g.putDataset("times", new String[]{"a", "b"}), new int[]{1, 2});
        refused(strings, Shd::read, "/spikes/times[0] is a String", "expected a variable-length float array", "wrong dataset type");
        Path floats = shd("float-labels.h5", g -> g.putDataset("times", new float[][]{{0.1f}, {0.2f}}), null);
        refused(floats, Shd::read, "/labels is double[]", "expected a 1-D integer dataset");
        Path group = shd("group.h5", g -> g.putGroup("times"), new int[]{1, 2});
        refused(group, Shd::read, "/spikes/times is not a dataset");
    }

    interface Spikes { void put(WritableGroup spikes); }

    /** An HDF5 file with /spikes/times from {@code times}, /spikes/units {{1},{2}} and /labels (doubles when null). */
    private Path shd(String name, Spikes times, int[] labels) {
        Path f = dir.resolve(name);
        try (WritableHdfFile h = HdfFile.write(f)) {
            WritableGroup s = h.putGroup("spikes");
            times.put(s);
            s.putDataset("units", new int[][]{{1}, {2}});
            if (labels != null) h.putDataset("labels", labels);
            else h.putDataset("labels", new double[]{1, 2});
        }
        return f;
    }
}

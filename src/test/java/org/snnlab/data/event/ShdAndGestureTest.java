package org.snnlab.data.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.cli.Main;
import org.snnlab.data.Split;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SHD HDF5 (fixture made with h5py), DVS Gesture splits and labels, format detection, inspect on folders. */
class ShdAndGestureTest {
    @TempDir
    Path dir;

    static Path fixture() {
        return Path.of("src/test/resources/shd/shd_tiny.h5");
    }

    @Test
    void readsTheShdFixture() throws IOException {
        Shd.Contents c = Shd.read(fixture());
        assertEquals(3, c.samples().size());
        Events e = c.samples().get(0).events();
        assertEquals(700, e.width());
        assertEquals(1, e.height());
        assertEquals(3, e.size());
        assertEquals(0, e.x(0));
        assertEquals(0, e.t(0));
        assertEquals(699, e.x(1));
        assertEquals(500, e.t(1), "0.0005 s as float16 is 0.0005002 s -> 500 us");
        assertEquals(350, e.x(2));
        assertEquals(250_000, e.t(2));
        assertEquals(99_976, c.samples().get(1).events().t(0), "0.1 s as float16 is 0.099976 s");
        assertEquals(0, c.samples().get(2).events().size());
        assertEquals(List.of(3, 19, 0), c.samples().stream().map(Shd.Sample::label).toList());
        assertEquals(11, c.samples().get(2).speaker());
        assertEquals("eins", c.keys().get(11));
        assertEquals(EventFormat.SHD_HDF5, EventFormat.detect(fixture()));
    }

    @Test
    void corruptShdFilesNameFileAndOffset() throws IOException {
        byte[] b = Files.readAllBytes(fixture());
        Path trunc = Files.write(dir.resolve("trunc.h5"), Arrays.copyOf(b, 5000));
        IOException t = assertThrows(IOException.class, () -> Shd.read(trunc));
        assertTrue(t.getMessage().contains(trunc.toString()) && t.getMessage().contains("truncated") && t.getMessage().contains("byte 5000"), t.getMessage());
        byte[] g = b.clone();
        g[1] = 'X';
        Path garbled = Files.write(dir.resolve("garbled.h5"), g);
        IOException ge = assertThrows(IOException.class, () -> Shd.read(garbled));
        assertTrue(ge.getMessage().contains(garbled.toString()) && ge.getMessage().contains("at byte 0"), ge.getMessage());
        Path empty = Files.write(dir.resolve("empty.h5"), new byte[0]);
        IOException ee = assertThrows(IOException.class, () -> Shd.read(empty));
        assertTrue(ee.getMessage().contains(empty.toString()) && ee.getMessage().contains("empty"), ee.getMessage());
        byte[] mid = b.clone();
        for (int i = 200; i < mid.length; i++) mid[i] = (byte) 0xA5;
        Path scrambled = Files.write(dir.resolve("scrambled.h5"), mid);
        IOException se = assertThrows(IOException.class, () -> Shd.read(scrambled));
        assertTrue(se.getMessage().startsWith(scrambled.toString()), se.getMessage());
    }

    @Test
    void gestureSplitsLabelsAndCutting() throws IOException {
        Events rec = EventReadersTest.random(128, 400, 10_000, 3);
        Aedat31.write(dir.resolve("user01_fluorescent.aedat"), rec);
        Files.writeString(dir.resolve("user01_fluorescent_labels.csv"), "class,startTime_usec,endTime_usec\n1,0,5000\n11,5000,10000\n");
        Aedat31.write(dir.resolve("user02_led.aedat"), rec);
        Files.writeString(dir.resolve("user02_led_labels.csv"), "class,startTime_usec,endTime_usec\n3,100,200\n");
        Files.writeString(dir.resolve(DvsGesture.TRAIN), "user01_fluorescent.aedat\n\n");
        Files.writeString(dir.resolve(DvsGesture.TEST), "user02_led.aedat\n");
        List<LabelledEvents> s = DvsGesture.samples(dir.resolve("user01_fluorescent.aedat"));
        assertEquals(2, s.size());
        assertEquals(0, s.get(0).label());
        assertEquals(10, s.get(1).label());
        assertEquals(rec.size(), s.get(0).events().size() + s.get(1).events().size());
        assertEquals(Map.of("train", Map.of(1, 1, 11, 1), "test", Map.of(3, 1)), DvsGesture.classCounts(dir));
        assertEquals(0, run("data", "inspect", dir.toString()));
        assertTrue(out.contains("\"dvs128-gesture\"") && out.contains("\"train\":{\"1\":1,\"11\":1}"), out);
        var framed = DvsGesture.frames(dir, Split.TRAIN, 4, 5, 100);
        assertEquals(2, framed.size());
        assertArrayEquals(new long[]{5, 2, 32, 32}, framed.shape());
        assertEquals(10, framed.label(1));
        float[] f0 = new float[framed.features()];
        framed.copyFeatures(0, f0, 0);
        int ones = 0;
        for (float v : f0) { assertTrue(v == 0f || v == 1f); ones += (int) v; }
        assertTrue(ones > 0 && ones <= s.get(0).events().size(), "binary frames of gesture 0: " + ones);
        assertEquals(1, DvsGesture.frames(dir, Split.TEST, 4, 5, 100).size());
        Path bad = Files.writeString(dir.resolve("bad.txt"), "user01.aedat\nnot-a-recording\n");
        IOException ex = assertThrows(IOException.class, () -> DvsGesture.readSplit(bad));
        assertTrue(ex.getMessage().contains("line 2"), ex.getMessage());
    }

    @Test
    void inspectShdAndClassFolders() throws IOException {
        assertEquals(0, run("data", "inspect", fixture().toString()));
        assertTrue(out.contains("\"samples\":3") && out.contains("\"events\":4") && out.contains("\"700x1\""), out);
        Files.createDirectories(dir.resolve("Train/0"));
        Files.createDirectories(dir.resolve("Train/1"));
        NmnistBin.write(dir.resolve("Train/0/a.bin"), EventReadersTest.random(34, 5, 100, 1));
        NmnistBin.write(dir.resolve("Train/0/b.bin"), EventReadersTest.random(34, 5, 100, 2));
        NmnistBin.write(dir.resolve("Train/1/c.bin"), EventReadersTest.random(34, 5, 100, 3));
        assertEquals(0, run("data", "inspect", dir.toString()));
        assertTrue(out.contains("\"Train/0\":2,\"Train/1\":1"), out);
        Path trunc = Files.write(dir.resolve("t.h5"), Arrays.copyOf(Files.readAllBytes(fixture()), 3000));
        assertEquals(2, run("data", "inspect", trunc.toString()));
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(trunc.toString()) && err.contains("byte 3000"), err);
    }

    String out = "", err = "";

    int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        PrintStream oldOut = System.out, oldErr = System.err;
        System.setOut(new PrintStream(o, true));
        System.setErr(new PrintStream(e, true));
        try {
            return Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = o.toString();
            err = e.toString();
        }
    }
}

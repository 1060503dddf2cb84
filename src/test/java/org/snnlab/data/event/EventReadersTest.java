package org.snnlab.data.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every event format round-trips byte-exactly; empty, truncated and garbled files name file and offset. */
public class EventReadersTest {
    @TempDir
    Path dir;

    interface Reader { Events read(Path p) throws IOException; }

    interface Writer { void write(Path p, Events e) throws IOException; }

    /** {@code n} time-sorted random events on a {@code size x size} sensor within {@code maxT} us (also used by other tests). */
    public static Events random(int size, int n, long maxT, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] x = new int[n], y = new int[n];
        long[] t = new long[n];
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(size);
            y[i] = r.nextInt(size);
            t[i] = r.nextLong(maxT);
            p[i] = (byte) r.nextInt(2);
        }
        Arrays.sort(t);
        return new Events(size, size, x, y, t, p);
    }

    void roundTrip(String name, Events e, Reader r, Writer w) throws IOException {
        Path a = dir.resolve(name), b = dir.resolve("again-" + name);
        w.write(a, e);
        Events back = r.read(a);
        assertEquals(e, back, name);
        w.write(b, back);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), name + " byte-exact");
    }

    void assertError(Path f, Reader r, String... parts) {
        IOException ex = assertThrows(IOException.class, () -> r.read(f));
        assertTrue(ex.getMessage().contains(f.toString()), ex.getMessage());
        for (String s : parts) assertTrue(ex.getMessage().contains(s), ex.getMessage());
    }

    Path file(String name, byte[] b) throws IOException {
        return Files.write(dir.resolve(name), b);
    }

    @Test
    void nmnist() throws IOException {
        Events e = random(34, 500, 300_000, 1);
        roundTrip("a.bin", e, NmnistBin::read, NmnistBin::write);
        byte[] b = Files.readAllBytes(dir.resolve("a.bin"));
        assertError(file("empty.bin", new byte[0]), NmnistBin::read, "empty file");
        assertError(file("trunc.bin", Arrays.copyOf(b, b.length - 2)), NmnistBin::read, "truncated event at byte 2495");
        byte[] g = b.clone();
        g[10] = (byte) 200;
        assertError(file("garbled.bin", g), NmnistBin::read, "at byte 10", "outside the 34x34");
    }

    @Test
    void prophesee() throws IOException {
        Events e = new Events(304, 240, new int[]{0, 303, 17}, new int[]{0, 239, 100}, new long[]{5, 70_000, 4_000_000_000L},
                new byte[]{1, 0, 1});
        roundTrip("a.dat", e, PropheseeDat::read, PropheseeDat::write);
        byte[] b = Files.readAllBytes(dir.resolve("a.dat"));
        assertError(file("empty.dat", new byte[0]), PropheseeDat::read, "empty file");
        assertError(file("trunc.dat", Arrays.copyOf(b, b.length - 3)), PropheseeDat::read, "truncated event at byte " + (b.length - 8));
        byte[] g = b.clone();
        g[b.length - 8 * 3 - 1] = 12;
        assertError(file("size.dat", g), PropheseeDat::read, "event size 12", "at byte " + (b.length - 25));
    }

    @Test
    void aedat31WithTimeOverflowAndLabels() throws IOException {
        Events e = random(128, 400, 1L << 32, 3); // crosses the 31-bit overflow boundary
        roundTrip("a.aedat", e, Aedat31::read, Aedat31::write);
        byte[] b = Files.readAllBytes(dir.resolve("a.aedat"));
        assertError(file("empty.aedat", new byte[0]), Aedat31::read, "empty file");
        assertError(file("trunc.aedat", Arrays.copyOf(b, b.length - 5)), Aedat31::read, "truncated packet");
        assertError(file("nohead.aedat", Arrays.copyOf(b, 20)), Aedat31::read, "no #!END-HEADER");
        Path csv = Files.writeString(dir.resolve("user01_fluorescent_labels.csv"), "class,startTime_usec,endTime_usec\n3,100,900\n11,1000,2000\n");
        var labels = Aedat31.readLabels(csv);
        assertEquals(new Aedat31.Label(3, 100, 900), labels.get(0));
        Path bad = Files.writeString(dir.resolve("bad.csv"), "class,startTime_usec,endTime_usec\n12,1,2\n");
        IOException ex = assertThrows(IOException.class, () -> Aedat31.readLabels(bad));
        assertTrue(ex.getMessage().contains("line 2"), ex.getMessage());
    }

    @Test
    void inspectCommandSummarisesAndFailsWithOneLine() throws IOException {
        NmnistBin.write(dir.resolve("ok.bin"), random(34, 50, 1000, 9));
        assertEquals(0, org.snnlab.cli.Main.run("data", "inspect", dir.resolve("ok.bin").toString()));
        byte[] b = Files.readAllBytes(dir.resolve("ok.bin"));
        Path bad = file("bad.bin", Arrays.copyOf(b, b.length - 1));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        try {
            assertEquals(2, org.snnlab.cli.Main.run("data", "inspect", bad.toString()));
        } finally {
            System.setErr(old);
        }
        String msg = err.toString();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.contains(bad.toString()) && msg.contains("at byte 245"), msg);
    }

    @Test
    void eventsValidateAndSlice() {
        assertThrows(IllegalArgumentException.class, () -> new Events(34, 34, new int[]{34}, new int[]{0}, new long[]{0}, new byte[]{1}));
        Events e = random(34, 100, 1000, 5);
        Events mid = e.between(200, 400);
        for (int i = 0; i < mid.size(); i++) assertTrue(mid.t(i) >= 200 && mid.t(i) < 400);
        assertTrue(e.isSorted());
    }
}

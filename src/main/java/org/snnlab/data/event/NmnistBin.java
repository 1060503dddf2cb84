package org.snnlab.data.event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * N-MNIST / N-Caltech101 {@code .bin} (Orchard et al. 2015): 5 bytes per event, big-endian bit fields
 * {@code x[8] y[8] p[1] t[23]}: byte 0 = x, byte 1 = y, byte 2 = {@code p << 7 | t >> 16 & 0x7F},
 * byte 3 = {@code t >> 8}, byte 4 = {@code t}; t in microseconds. Sensor 34 x 34.
 */
public final class NmnistBin {
    public static final int SIZE = 34;
    private static final int EVENT = 5;

    private NmnistBin() { }

    public static Events read(Path file) throws IOException {
        byte[] b = Bytes.readAll(file, "an N-MNIST .bin recording");
        int n = count(file, b);
        int[] x = new int[n], y = new int[n];
        long[] t = new long[n];
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            int o = i * EVENT;
            x[i] = b[o] & 0xFF;
            y[i] = b[o + 1] & 0xFF;
            if (x[i] >= SIZE || y[i] >= SIZE) throw outside(file, i, x[i], y[i]);
            p[i] = (byte) ((b[o + 2] >> 7) & 1);
            t[i] = time(b, o);
        }
        return Events.adopt(SIZE, SIZE, x, y, t, p);
    }

    /** Number of events in a file's bytes; the one-line errors for an empty or truncated file. */
    private static int count(Path file, byte[] b) throws IOException {
        Bytes.notEmpty(file, b, "N-MNIST events (5 bytes each)");
        if (b.length % EVENT != 0)
            throw new IOException(file + ": truncated event at byte " + (long) (b.length / EVENT) * EVENT
                    + " (file is " + b.length + " bytes, events are 5 bytes)");
        return b.length / EVENT;
    }

    private static long time(byte[] b, int o) {
        return ((b[o + 2] & 0x7FL) << 16) | ((b[o + 3] & 0xFFL) << 8) | (b[o + 4] & 0xFFL);
    }

    private static IOException outside(Path file, int i, int x, int y) {
        return Bytes.at(file, (long) i * EVENT, "event " + i + " at (" + x + "," + y + ") outside the 34x34 sensor (garbled file?)");
    }

    /**
     * The fused fast path of {@code new ToFrames(BINS, bins, binary).framesInto(read(file), dst, offset, bins)}:
     * decodes the file straight into {@code bins} equal-time frames {@code [bins, 2, 34, 34]} without
     * building {@link Events} (no per-event arrays, no division: the bin only moves forward). Same
     * result and same errors as the pure path (tested); returns false, writing nothing, when the
     * events are not time-sorted, so the caller takes the pure path (which sorts).
     */
    public static boolean binsInto(Path file, int bins, boolean binary, float[] dst, int offset) throws IOException {
        if (bins < 1) throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        byte[] b = Bytes.readAll(file, "an N-MNIST .bin recording");
        int n = count(file, b);
        for (int i = 0; i < n; i++) { // validate and check the order before touching dst
            int o = i * EVENT;
            if ((b[o] & 0xFF) >= SIZE || (b[o + 1] & 0xFF) >= SIZE) throw outside(file, i, b[o] & 0xFF, b[o + 1] & 0xFF);
            if (i > 0 && time(b, o) < time(b, o - EVENT)) return false;
        }
        int plane = SIZE * SIZE;
        java.util.Arrays.fill(dst, offset, offset + bins * 2 * plane, 0f);
        long t0 = time(b, 0), span = time(b, (n - 1) * EVENT) - t0 + 1, next = span; // bin f holds (t-t0)*bins in [f*span, (f+1)*span)
        int f = 0;
        for (int i = 0; i < n; i++) {
            int o = i * EVENT;
            long u = (time(b, o) - t0) * bins;
            while (f < bins - 1 && u >= next) {
                f++;
                next += span;
            }
            int k = offset + ((f * 2 + ((b[o + 2] >> 7) & 1)) * SIZE + (b[o + 1] & 0xFF)) * SIZE + (b[o] & 0xFF);
            dst[k] = binary ? 1f : dst[k] + 1f;
        }
        return true;
    }

    public static void write(Path file, Events e) throws IOException {
        byte[] b = new byte[e.size() * EVENT];
        for (int i = 0; i < e.size(); i++) {
            long t = e.t(i);
            if (t < 0 || t >= (1L << 23)) throw new IllegalArgumentException("event " + i + ": time " + t + " does not fit 23 bits");
            int o = i * EVENT;
            b[o] = (byte) e.x(i);
            b[o + 1] = (byte) e.y(i);
            b[o + 2] = (byte) ((e.p(i) << 7) | ((t >> 16) & 0x7F));
            b[o + 3] = (byte) (t >> 8);
            b[o + 4] = (byte) t;
        }
        Files.write(file, b);
    }
}

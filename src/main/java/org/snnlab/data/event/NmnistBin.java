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
        byte[] b = Files.readAllBytes(file);
        Bytes.notEmpty(file, b, "N-MNIST events (5 bytes each)");
        if (b.length % EVENT != 0)
            throw new IOException(file + ": truncated event at byte " + (long) (b.length / EVENT) * EVENT
                    + " (file is " + b.length + " bytes, events are 5 bytes)");
        int n = b.length / EVENT;
        int[] x = new int[n], y = new int[n];
        long[] t = new long[n];
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            int o = i * EVENT;
            x[i] = b[o] & 0xFF;
            y[i] = b[o + 1] & 0xFF;
            if (x[i] >= SIZE || y[i] >= SIZE)
                throw Bytes.at(file, o, "event " + i + " at (" + x[i] + "," + y[i] + ") outside the 34x34 sensor (garbled file?)");
            p[i] = (byte) ((b[o + 2] >> 7) & 1);
            t[i] = ((b[o + 2] & 0x7FL) << 16) | ((b[o + 3] & 0xFFL) << 8) | (b[o + 4] & 0xFFL);
        }
        return new Events(SIZE, SIZE, x, y, t, p);
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

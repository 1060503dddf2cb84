package org.snnlab.data.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prophesee / ATIS {@code .dat} event files (NCARS, GEN1): ASCII header lines beginning with
 * {@code "% "} (e.g. {@code % Width 304}), then one byte event type and one byte event size (8), then
 * per event a little-endian uint32 time stamp (microseconds) and uint32 address with
 * {@code x = a & 0x3FFF}, {@code y = a >> 14 & 0x3FFF}, {@code p = a >> 28 & 1}. Without Width/Height
 * in the header the sensor is the bounding box of the events.
 *
 * <p>Plausibility, so that a file that is not a recording is not read as one: a bounding-box sensor must
 * be at most 4096 x 4096; a file without any {@code %} header line must also have event type 0x00 (2D)
 * or 0x0C (CD) and addresses with bits 29-31 clear (the polarity field holds 0 or 1).
 */
public final class PropheseeDat {
    /** Event type byte of 2D (TD) events. */
    static final int TYPE_2D = 0x00;
    /** Event type byte of CD events. */
    static final int TYPE_CD = 0x0C;
    /**
     * The largest sensor side taken from the events' bounding box when neither the header nor the caller
     * gives the size: Prophesee's largest sensor is 1280x720, and a random file spans up to 16383.
     */
    static final int MAX_SIDE = 4096;

    private PropheseeDat() { }

    /** Reads a file; the sensor is the header's Width/Height (or Geometry WxH), else the events' bounding box. */
    public static Events read(Path file) throws IOException {
        return read(file, -1, -1);
    }

    /** Reads a file; the sensor is the header's Width/Height when present, else {@code width x height}. */
    public static Events read(Path file, int width, int height) throws IOException {
        return parse(file, new int[]{width, height});
    }

    private static Events parse(Path file, int[] given) throws IOException {
        byte[] b = Bytes.readAll(file, "a Prophesee .dat recording");
        Bytes.notEmpty(file, b, "a Prophesee .dat header");
        int pos = 0, width = -1, height = -1;
        while (pos < b.length && b[pos] == '%') {
            int end = pos;
            while (end < b.length && b[end] != '\n') end++;
            String line = new String(b, pos, end - pos, StandardCharsets.US_ASCII).trim();
            String[] f = line.substring(1).trim().split("\\s+");
            if (f.length == 2 && f[0].equalsIgnoreCase("Width")) width = parse(file, pos, f[1]);
            if (f.length == 2 && f[0].equalsIgnoreCase("Height")) height = parse(file, pos, f[1]);
            if (f.length == 2 && f[0].equalsIgnoreCase("Geometry") && f[1].matches("\\d+x\\d+")) {
                width = parse(file, pos, f[1].substring(0, f[1].indexOf('x')));
                height = parse(file, pos, f[1].substring(f[1].indexOf('x') + 1));
            }
            pos = end + 1;
        }
        if (width < 1 && given[0] > 0) width = given[0];
        if (height < 1 && given[1] > 0) height = given[1];
        if (pos + 2 > b.length) throw Bytes.at(file, pos, "truncated: missing the event type and size bytes after the header");
        boolean headerless = pos == 0;
        int type = b[pos] & 0xFF, size = b[pos + 1] & 0xFF;
        if (headerless && type != TYPE_2D && type != TYPE_CD)
            throw Bytes.at(file, pos, String.format("no '%%' header and event type 0x%02x, expected 0x00 (2D) or 0x0c (CD): not a Prophesee .dat", type));
        if (size != 8) throw Bytes.at(file, pos + 1, "event size " + size + ", expected 8 (not a Prophesee .dat?)");
        pos += 2;
        int body = b.length - pos;
        if (body % 8 != 0)
            throw new IOException(file + ": truncated event at byte " + (pos + (long) (body / 8) * 8) + " (events are 8 bytes)");
        int n = body / 8;
        ByteBuffer bb = ByteBuffer.wrap(b, pos, body).order(ByteOrder.LITTLE_ENDIAN);
        int[] x = new int[n], y = new int[n];
        long[] t = new long[n];
        byte[] p = new byte[n];
        int maxX = 0, maxY = 0;
        for (int i = 0; i < n; i++) {
            t[i] = bb.getInt() & 0xFFFFFFFFL;
            int a = bb.getInt();
            if (headerless && (a >>> 29) != 0)
                throw Bytes.at(file, pos + 8L * i + 4, String.format("event %d: address 0x%08x sets bits 29-31 (the polarity is 0 or 1):"
                        + " no '%%' header and garbled events, not a Prophesee .dat", i, a));
            x[i] = a & 0x3FFF;
            y[i] = (a >>> 14) & 0x3FFF;
            p[i] = (byte) ((a >>> 28) & 1);
            maxX = Math.max(maxX, x[i]);
            maxY = Math.max(maxY, y[i]);
            if ((width > 0 && x[i] >= width) || (height > 0 && y[i] >= height))
                throw Bytes.at(file, pos + 8L * i, "event " + i + " at (" + x[i] + "," + y[i] + ") outside the header's " + width + "x" + height + " sensor");
            if ((width < 1 && x[i] >= MAX_SIDE) || (height < 1 && y[i] >= MAX_SIDE))
                throw Bytes.at(file, pos + 8L * i, "event " + i + " at (" + x[i] + "," + y[i] + ") makes the sensor (no Width/Height given: the"
                        + " events' bounding box) larger than any Prophesee sensor (" + MAX_SIDE + "x" + MAX_SIDE + " at most): garbled events,"
                        + " not a Prophesee .dat?");
        }
        return new Events(width > 0 ? width : maxX + 1, height > 0 ? height : maxY + 1, x, y, t, p);
    }

    /** A header's Width or Height: a number in 1..16384 (addresses hold 14 bits). */
    private static int parse(Path file, int offset, String v) throws IOException {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw Bytes.at(file, offset, "header value '" + (v.length() > 20 ? v.substring(0, 20) + "..." : v) + "' is not a number");
        }
        if (n < 1 || n > 1 << 14) throw Bytes.at(file, offset, "header size " + n + " outside 1..16384 (coordinates are 14 bits)");
        return n;
    }

    /** Writes a .dat with a header naming the sensor size and event type 0 (CD events). */
    public static void write(Path file, Events e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("% Data file containing CD events.\n% Width " + e.width() + "\n% Height " + e.height()
                + "\n% Version 2\n").getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        out.write(8);
        ByteBuffer bb = ByteBuffer.allocate(8 * e.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < e.size(); i++) {
            if (e.t(i) < 0 || e.t(i) > 0xFFFFFFFFL) throw new IllegalArgumentException("event " + i + ": time " + e.t(i) + " does not fit uint32");
            if (e.x(i) > 0x3FFF || e.y(i) > 0x3FFF) throw new IllegalArgumentException("event " + i + ": coordinates do not fit 14 bits");
            bb.putInt((int) e.t(i));
            bb.putInt(e.x(i) | (e.y(i) << 14) | (e.p(i) << 28));
        }
        out.writeBytes(bb.array());
        Files.write(file, out.toByteArray());
    }
}

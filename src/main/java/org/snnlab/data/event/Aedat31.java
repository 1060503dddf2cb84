package org.snnlab.data.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * AEDAT 3.1 (iniVation/jAER; DVS128 Gesture): text header lines beginning with {@code #} up to and
 * including {@code #!END-HEADER\r\n}, then packets. Each packet has a 28-byte little-endian header
 * {@code int16 type, int16 source, int32 eventSize, int32 tsOffset, int32 tsOverflow, int32 capacity,
 * int32 number, int32 valid} and {@code number * eventSize} bytes of events. Polarity events (type 1,
 * 8 bytes): {@code uint32 data, int32 ts}; valid = bit 0, polarity = bit 1, {@code y = d >> 2 & 0x7FFF},
 * {@code x = d >> 17 & 0x7FFF}; time = {@code tsOverflow << 31 | ts} microseconds. Other packet types
 * are skipped by their size; invalid events are dropped. Sensor 128 x 128 (DVS128).
 */
public final class Aedat31 {
    public static final int DVS128 = 128;
    private static final String END = "#!END-HEADER\r\n";
    private static final int HEADER = 28;

    private Aedat31() { }

    public static Events read(Path file) throws IOException {
        byte[] b = Bytes.readAll(file, "an AEDAT 3.1 recording");
        Bytes.notEmpty(file, b, "an AEDAT 3.1 header");
        int pos = headerEnd(file, b);
        List<int[]> xy = new ArrayList<>();
        List<long[]> tp = new ArrayList<>();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        while (pos < b.length) {
            if (pos + HEADER > b.length) throw Bytes.at(file, pos, "truncated packet header (" + (b.length - pos) + " of 28 bytes)");
            int type = bb.getShort(pos), size = bb.getInt(pos + 4), overflow = bb.getInt(pos + 12), number = bb.getInt(pos + 20);
            if (size <= 0 || number < 0) throw Bytes.at(file, pos, "garbled packet header (event size " + size + ", number " + number + ")");
            long end = pos + HEADER + (long) size * number;
            if (end > b.length) throw Bytes.at(file, pos, "truncated packet: " + number + " events of " + size + " bytes need "
                    + (end - pos) + " bytes, " + (b.length - pos) + " remain");
            if (type == 1) {
                if (size != 8) throw Bytes.at(file, pos + 4, "polarity event size " + size + ", expected 8");
                for (int i = 0, o = pos + HEADER; i < number; i++, o += 8) {
                    int d = bb.getInt(o);
                    if ((d & 1) == 0) continue;
                    int x = (d >>> 17) & 0x7FFF, y = (d >>> 2) & 0x7FFF;
                    if (x >= DVS128 || y >= DVS128) throw Bytes.at(file, o, "event at (" + x + "," + y + ") outside the 128x128 sensor");
                    xy.add(new int[]{x, y});
                    tp.add(new long[]{((long) overflow << 31) | (bb.getInt(o + 4) & 0x7FFFFFFFL), (d >>> 1) & 1});
                }
            }
            pos = (int) end;
        }
        int n = xy.size();
        int[] x = new int[n], y = new int[n];
        long[] t = new long[n];
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            x[i] = xy.get(i)[0];
            y[i] = xy.get(i)[1];
            t[i] = tp.get(i)[0];
            p[i] = (byte) tp.get(i)[1];
        }
        return new Events(DVS128, DVS128, x, y, t, p);
    }

    private static int headerEnd(Path file, byte[] b) throws IOException {
        if (b[0] != '#') throw Bytes.at(file, 0, "not an AEDAT 3.1 file (no '#' header)");
        byte[] end = END.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + end.length <= b.length; i++) {
            for (int k = 0; k < end.length; k++) if (b[i + k] != end[k]) continue outer;
            return i + end.length;
        }
        throw Bytes.at(file, b.length, "truncated header: no #!END-HEADER line");
    }

    /** Writes one polarity packet with all events (valid), time stamps split into overflow and 31 bits. */
    public static void write(Path file, Events e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n" + END).getBytes(StandardCharsets.US_ASCII));
        int i = 0;
        while (i < e.size()) {
            long overflow = e.t(i) >>> 31;
            int j = i;
            while (j < e.size() && (e.t(j) >>> 31) == overflow) j++;
            ByteBuffer bb = ByteBuffer.allocate(HEADER + 8 * (j - i)).order(ByteOrder.LITTLE_ENDIAN);
            bb.putShort((short) 1).putShort((short) 1).putInt(8).putInt(4).putInt((int) overflow)
                    .putInt(j - i).putInt(j - i).putInt(j - i);
            for (int k = i; k < j; k++)
                bb.putInt((e.x(k) << 17) | (e.y(k) << 2) | (e.p(k) << 1) | 1).putInt((int) (e.t(k) & 0x7FFFFFFFL));
            out.writeBytes(bb.array());
            i = j;
        }
        Files.write(file, out.toByteArray());
    }

    /** One labelled gesture of a recording: class 1-11 and its time span. */
    public record Label(int gesture, long startUs, long endUs) { }

    /** Reads a DVS128 Gesture {@code userXX_<light>_labels.csv} ({@code class,startTime_usec,endTime_usec}). */
    public static List<Label> readLabels(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) throw new IOException(csv + ": empty label file");
        List<Label> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty()) continue;
            String[] f = l.split(",");
            try {
                if (f.length != 3) throw new NumberFormatException();
                int g = Integer.parseInt(f[0].trim());
                if (g < 1 || g > 11) throw new IOException(csv + ": line " + (i + 1) + ": gesture class " + g + " outside 1..11");
                out.add(new Label(g, Long.parseLong(f[1].trim()), Long.parseLong(f[2].trim())));
            } catch (NumberFormatException e) {
                throw new IOException(csv + ": line " + (i + 1) + ": expected class,startTime_usec,endTime_usec, got '" + l + "'");
            }
        }
        return out;
    }
}

package org.snnlab.data;

import org.snnlab.data.event.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The "binary version" record files of CIFAR-10 and CIFAR-100 (Krizhevsky 2009,
 * https://www.cs.toronto.edu/~kriz/cifar.html): fixed-length records with no header.
 *
 * <pre>
 * CIFAR-10  record (3073 bytes): label[1] (0..9), then 3072 pixel bytes
 * CIFAR-100 record (3074 bytes): coarse label[1] (0..19), fine label[1] (0..99), then 3072 pixel bytes
 * pixels: the 1024 red values of the 32x32 image row-major, then the 1024 green, then the 1024 blue
 * </pre>
 * The pixels are therefore already in channel-major order {@code [3, 32, 32]}. Every error is an
 * {@link IOException} naming the file and the byte offset (an empty file, a length that is not a
 * whole number of records, a label out of range).
 */
public final class CifarBin {
    /** Image side in pixels. */
    public static final int SIDE = 32;
    /** Pixel bytes per record: 3 planes of 32x32. */
    public static final int PIXELS = 3 * SIDE * SIDE;

    /** Which of the two record layouts a file holds. */
    public enum Layout {
        /** one label byte (10 classes) per record */
        CIFAR10(1, 10, "CIFAR-10"),
        /** coarse (20 classes) then fine (100 classes) label byte per record */
        CIFAR100(2, 100, "CIFAR-100");

        private final int labelBytes;
        private final int classes;
        private final String title;

        Layout(int labelBytes, int classes, String title) {
            this.labelBytes = labelBytes;
            this.classes = classes;
            this.title = title;
        }

        /** Bytes per record: label bytes + 3072. */
        public int recordBytes() { return labelBytes + PIXELS; }

        /** Number of (fine) classes. */
        public int classes() { return classes; }
    }

    /** Number of CIFAR-100 coarse classes (super-classes). */
    public static final int COARSE_CLASSES = 20;

    /**
     * The records of one file: {@code count} images of {@code [3, 32, 32]} bytes in one array
     * (record-major), the (fine) label of each and, for CIFAR-100, the coarse label (else null).
     * Arrays are shared, not copied: treat them as read-only.
     */
    public record Records(Layout layout, int count, byte[] pixels, int[] labels, int[] coarse) {
        public Records {
            if (layout == null || pixels == null || labels == null) throw new IllegalArgumentException("layout, pixels and labels must not be null");
            if (count < 0 || labels.length != count || pixels.length != (long) count * PIXELS)
                throw new IllegalArgumentException(count + " records need " + count + " labels and " + (long) count * PIXELS
                        + " pixel bytes, got " + labels.length + " and " + pixels.length);
            if ((layout == Layout.CIFAR100) != (coarse != null) || (coarse != null && coarse.length != count))
                throw new IllegalArgumentException("coarse labels are needed for CIFAR-100 (one per record) and only there");
        }

        /** Pixel value 0..255 of record {@code i}, channel {@code c} (0 red, 1 green, 2 blue), row {@code r}, column {@code x}. */
        public int pixel(int i, int c, int r, int x) {
            return pixels[((i * 3 + c) * SIDE + r) * SIDE + x] & 0xFF;
        }
    }

    private CifarBin() { }

    /**
     * The layout a file's name says it has ({@code data_batch_N.bin} and {@code test_batch.bin}:
     * CIFAR-10; {@code train.bin} and {@code test.bin}: CIFAR-100), or null for other names.
     */
    public static Layout layoutOf(Path file) {
        String n = file.getFileName().toString();
        if (n.matches("data_batch_\\d+\\.bin") || n.equals("test_batch.bin")) return Layout.CIFAR10;
        if (n.equals("train.bin") || n.equals("test.bin")) return Layout.CIFAR100;
        return null;
    }

    /** Reads every record of {@code file}, checking its length and every label. */
    public static Records read(Path file, Layout layout) throws IOException {
        byte[] b = Bytes.readAll(file, "a CIFAR binary batch");
        int rec = layout.recordBytes();
        if (b.length == 0)
            throw new IOException(file + ": empty file (0 bytes) at byte 0, expected " + layout.title + " records of " + rec + " bytes");
        if (b.length % rec != 0)
            throw new IOException(file + ": truncated record at byte " + (long) (b.length / rec) * rec + " (file is " + b.length
                    + " bytes, not a whole number of " + layout.title + " records of " + rec + " bytes)");
        int n = b.length / rec;
        byte[] px = new byte[n * PIXELS];
        int[] labels = new int[n], coarse = layout == Layout.CIFAR100 ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            int o = i * rec;
            if (coarse != null) coarse[i] = label(file, b, o, rec, COARSE_CLASSES, "coarse label");
            labels[i] = label(file, b, o + layout.labelBytes - 1, rec, layout.classes, coarse != null ? "fine label" : "label");
            System.arraycopy(b, o + layout.labelBytes, px, i * PIXELS, PIXELS);
        }
        return new Records(layout, n, px, labels, coarse);
    }

    private static int label(Path file, byte[] b, int offset, int rec, int classes, String what) throws IOException {
        int v = b[offset] & 0xFF;
        if (v >= classes)
            throw new IOException(file + ": " + what + " " + v + " at byte " + offset + " (record " + offset / rec
                    + ") is not below " + classes + " (garbled file, or the wrong CIFAR variant?)");
        return v;
    }

    /** Writes records in the file format (the exact inverse of {@link #read}). */
    public static void write(Path file, Records r) throws IOException {
        int rec = r.layout().recordBytes(), lb = r.layout().labelBytes;
        byte[] b = new byte[Math.multiplyExact(r.count(), rec)];
        for (int i = 0; i < r.count(); i++) {
            int o = i * rec;
            if (r.coarse() != null) b[o] = checkedByte(r.coarse()[i], COARSE_CLASSES, "coarse label", i);
            b[o + lb - 1] = checkedByte(r.labels()[i], r.layout().classes, "label", i);
            System.arraycopy(r.pixels(), i * PIXELS, b, o + lb, PIXELS);
        }
        Files.write(file, b);
    }

    private static byte checkedByte(int v, int classes, String what, int i) {
        if (v < 0 || v >= classes) throw new IllegalArgumentException(what + "[" + i + "] = " + v + " outside [0," + classes + ")");
        return (byte) v;
    }
}

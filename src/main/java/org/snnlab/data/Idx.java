package org.snnlab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The IDX format of MNIST and Fashion-MNIST (LeCun et al.), raw or gzip-compressed (detected by the
 * gzip magic 1f 8b): a big-endian header {@code 0x00000803, n, rows, cols} followed by n*rows*cols
 * unsigned bytes for images, or {@code 0x00000801, n} and n bytes for labels. Errors name the file
 * and the byte offset (in the decompressed stream).
 */
public final class Idx {
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() { }

    /** Images of an IDX file. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        public int pixel(int image, int r, int c) {
            return pixels[(image * rows + r) * cols + c] & 0xFF;
        }
    }

    public static Images readImages(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(content(file));
        header(file, b, IMAGES_MAGIC, 16);
        int n = b.getInt(4), rows = b.getInt(8), cols = b.getInt(12);
        if (n < 0 || rows <= 0 || cols <= 0)
            throw new IOException(file + ": bad dimensions " + n + "x" + rows + "x" + cols + " at byte 4");
        long need = 16L + (long) n * rows * cols;
        if (b.capacity() < need)
            throw new IOException(file + ": truncated at byte " + b.capacity() + ", header promises " + n + " images of "
                    + rows + "x" + cols + " (" + need + " bytes)");
        byte[] px = new byte[(int) (need - 16)];
        b.get(16, px);
        return new Images(n, rows, cols, px);
    }

    /** Labels as ints; each must be below {@code classes}. */
    public static int[] readLabels(Path file, int classes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(content(file));
        header(file, b, LABELS_MAGIC, 8);
        int n = b.getInt(4);
        if (n < 0) throw new IOException(file + ": bad label count " + n + " at byte 4");
        if (b.capacity() < 8L + n)
            throw new IOException(file + ": truncated at byte " + b.capacity() + ", header promises " + n + " labels ("
                    + (8L + n) + " bytes)");
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = b.get(8 + i) & 0xFF;
            if (out[i] >= classes)
                throw new IOException(file + ": label " + out[i] + " at byte " + (8 + i) + " is not below " + classes);
        }
        return out;
    }

    private static void header(Path file, ByteBuffer b, int magic, int size) throws IOException {
        if (b.capacity() == 0) throw new IOException(file + ": empty file (0 bytes), expected an IDX header");
        if (b.capacity() < size)
            throw new IOException(file + ": truncated header at byte " + b.capacity() + " (need " + size + " bytes)");
        int m = b.getInt(0);
        if (m != magic)
            throw new IOException(String.format("%s: bad magic 0x%08x at byte 0, expected 0x%08x", file, m, magic));
    }

    /** File bytes, decompressed when gzip. */
    static byte[] content(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if (raw.length < 2 || (raw[0] & 0xFF) != 0x1f || (raw[1] & 0xFF) != 0x8b) return raw;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": truncated gzip stream (" + raw.length + " compressed bytes)", e);
        }
    }

    public static void writeImages(Path file, int rows, int cols, byte[] pixels, boolean gzip) throws IOException {
        if (pixels.length % (rows * cols) != 0) throw new IllegalArgumentException("pixels not a multiple of rows*cols");
        ByteBuffer h = ByteBuffer.allocate(16).putInt(IMAGES_MAGIC).putInt(pixels.length / (rows * cols)).putInt(rows).putInt(cols);
        write(file, h.array(), pixels, gzip);
    }

    public static void writeLabels(Path file, int[] labels, boolean gzip) throws IOException {
        byte[] b = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) throw new IllegalArgumentException("label[" + i + "] = " + labels[i] + " not a byte");
            b[i] = (byte) labels[i];
        }
        write(file, ByteBuffer.allocate(8).putInt(LABELS_MAGIC).putInt(labels.length).array(), b, gzip);
    }

    private static void write(Path file, byte[] header, byte[] body, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write(header);
            out.write(body);
        }
    }
}

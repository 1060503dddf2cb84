package org.snnlab.data;

import org.snnlab.data.event.Bytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of MNIST and Fashion-MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/), raw
 * or gzip-compressed (detected by the gzip magic bytes {@code 1f 8b}, not by the file name).
 *
 * <pre>
 * images: int32 0x00000803 (type 08 = unsigned byte, 3 dimensions), int32 n, int32 rows, int32 cols,
 *         then n*rows*cols unsigned bytes, row-major, image after image
 * labels: int32 0x00000801 (unsigned byte, 1 dimension), int32 n, then n unsigned bytes
 * </pre>
 * All integers are big-endian. Every error is an {@link IOException} that names the file and the
 * byte offset; for a gzip file the offset counts bytes of the decompressed stream.
 */
public final class Idx {
    /** Magic of an unsigned-byte 3-dimensional IDX file (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of an unsigned-byte 1-dimensional IDX file (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    private Idx() { }

    /**
     * The images of an IDX file: {@code count} images of {@code rows x cols} unsigned bytes in one
     * array (image-major, then row-major). The array is shared, not copied: treat it as read-only.
     */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        public Images {
            if (count < 0 || rows < 1 || cols < 1)
                throw new IllegalArgumentException("bad dimensions " + count + "x" + rows + "x" + cols);
            if (pixels == null || pixels.length != (long) count * rows * cols)
                throw new IllegalArgumentException("pixels must hold count*rows*cols = " + (long) count * rows * cols + " bytes");
        }

        /** Pixel value 0..255 of image {@code image} at row {@code r}, column {@code c}. */
        public int pixel(int image, int r, int c) {
            return pixels[(image * rows + r) * cols + c] & 0xFF;
        }
    }

    /** Reads an images file ({@code *-images-idx3-ubyte}, optionally gzipped). */
    public static Images readImages(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(content(file));
        header(file, b, IMAGES_MAGIC, IMAGES_HEADER);
        int n = b.getInt(4), rows = b.getInt(8), cols = b.getInt(12);
        if (n < 0) throw new IOException(file + ": bad image count " + n + " at byte 4");
        if (rows < 1) throw new IOException(file + ": bad row count " + rows + " at byte 8");
        if (cols < 1) throw new IOException(file + ": bad column count " + cols + " at byte 12");
        long body = (long) n * rows * cols;
        if (body > Integer.MAX_VALUE - IMAGES_HEADER)
            throw new IOException(file + ": header at byte 4 promises " + body + " pixel bytes, more than one array holds");
        long need = IMAGES_HEADER + body;
        if (b.capacity() < need)
            throw new IOException(file + ": truncated at byte " + b.capacity() + ", header promises " + n + " images of "
                    + rows + "x" + cols + " (" + need + " bytes)");
        byte[] px = new byte[(int) body];
        b.get(IMAGES_HEADER, px);
        return new Images(n, rows, cols, px);
    }

    /** Reads a labels file ({@code *-labels-idx1-ubyte}); every label must be below {@code classes}. */
    public static int[] readLabels(Path file, int classes) throws IOException {
        if (classes < 1 || classes > 256) throw new IllegalArgumentException("classes must be in [1, 256], got " + classes);
        ByteBuffer b = ByteBuffer.wrap(content(file));
        header(file, b, LABELS_MAGIC, LABELS_HEADER);
        int n = b.getInt(4);
        if (n < 0) throw new IOException(file + ": bad label count " + n + " at byte 4");
        long need = LABELS_HEADER + (long) n;
        if (b.capacity() < need)
            throw new IOException(file + ": truncated at byte " + b.capacity() + ", header promises " + n + " labels ("
                    + need + " bytes)");
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = b.get(LABELS_HEADER + i) & 0xFF;
            if (out[i] >= classes)
                throw new IOException(file + ": label " + out[i] + " at byte " + (LABELS_HEADER + i) + " is not below " + classes);
        }
        return out;
    }

    private static void header(Path file, ByteBuffer b, int magic, int size) throws IOException {
        if (b.capacity() == 0) throw new IOException(file + ": empty file (0 bytes at byte 0), expected an IDX header");
        if (b.capacity() < 4)
            throw new IOException(file + ": truncated header at byte " + b.capacity() + " (need " + size + " bytes)");
        int m = b.getInt(0);
        if (m != magic)
            throw new IOException(String.format("%s: bad magic 0x%08x at byte 0, expected 0x%08x (%s)", file, m, magic,
                    magic == IMAGES_MAGIC ? "idx3 unsigned-byte images" : "idx1 unsigned-byte labels"));
        if (b.capacity() < size)
            throw new IOException(file + ": truncated header at byte " + b.capacity() + " (need " + size + " bytes)");
    }

    /** The file's bytes, decompressed when they start with the gzip magic {@code 1f 8b}. */
    static byte[] content(Path file) throws IOException {
        byte[] raw = Bytes.readAll(file, "an IDX file");
        return isGzip(raw) ? gunzip(file, raw) : raw;
    }

    static boolean isGzip(byte[] raw) {
        return raw.length >= 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b;
    }

    private static byte[] gunzip(Path file, byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            for (int k; (k = in.read(buf)) >= 0; ) out.write(buf, 0, k);
            return out.toByteArray();
        } catch (EOFException e) {
            throw new IOException(file + ": truncated gzip stream at byte " + out.size() + " of the decompressed data ("
                    + raw.length + " compressed bytes)", e);
        } catch (ZipException e) {
            throw new IOException(file + ": corrupt gzip stream at byte " + out.size() + " of the decompressed data: "
                    + e.getMessage(), e);
        }
    }

    /** Writes {@code pixels.length / (rows*cols)} images of {@code rows x cols} in IDX format, gzipped if asked. */
    public static void writeImages(Path file, int rows, int cols, byte[] pixels, boolean gzip) throws IOException {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("rows and cols must be >= 1, got " + rows + "x" + cols);
        if (pixels.length % (rows * cols) != 0)
            throw new IllegalArgumentException(pixels.length + " pixels is not a multiple of rows*cols = " + rows * cols);
        ByteBuffer h = ByteBuffer.allocate(IMAGES_HEADER).putInt(IMAGES_MAGIC).putInt(pixels.length / (rows * cols))
                .putInt(rows).putInt(cols);
        write(file, h.array(), pixels, gzip);
    }

    /** Writes images given one {@code rows*cols} array per image (row-major). */
    public static void writeImages(Path file, int rows, int cols, byte[][] images, boolean gzip) throws IOException {
        int per = rows * cols;
        byte[] all = new byte[images.length * per];
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != per)
                throw new IllegalArgumentException("image " + i + " has " + images[i].length + " bytes, expected " + per);
            System.arraycopy(images[i], 0, all, i * per, per);
        }
        writeImages(file, rows, cols, all, gzip);
    }

    /** Writes labels (each 0..255) in IDX format, gzipped if asked. */
    public static void writeLabels(Path file, int[] labels, boolean gzip) throws IOException {
        byte[] b = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) throw new IllegalArgumentException("label[" + i + "] = " + labels[i] + " not a byte");
            b[i] = (byte) labels[i];
        }
        write(file, ByteBuffer.allocate(LABELS_HEADER).putInt(LABELS_MAGIC).putInt(labels.length).array(), b, gzip);
    }

    private static void write(Path file, byte[] header, byte[] body, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write(header);
            out.write(body);
        }
    }
}

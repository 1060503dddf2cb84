package org.snnlab.data;

import org.snnlab.data.event.Bytes;
import org.snnlab.util.CountingInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
            BigInteger n = BigInteger.valueOf(count).multiply(BigInteger.valueOf(rows)).multiply(BigInteger.valueOf(cols));
            if (pixels == null || !n.equals(BigInteger.valueOf(pixels.length)))
                throw new IllegalArgumentException("pixels must hold count*rows*cols = " + n + " bytes");
        }

        /** Pixel value 0..255 of image {@code image} at row {@code r}, column {@code c}. */
        public int pixel(int image, int r, int c) {
            return pixels[(image * rows + r) * cols + c] & 0xFF;
        }
    }

    /** Reads an images file ({@code *-images-idx3-ubyte}, optionally gzipped). */
    public static Images readImages(Path file) throws IOException {
        Parts p = parts(file, IMAGES_MAGIC, IMAGES_HEADER, h -> imagesPromise(file, h));
        return new Images(p.header().getInt(4), p.header().getInt(8), p.header().getInt(12), p.body());
    }

    /**
     * The pixel bytes an images header promises, checked before anything is allocated: the counts must
     * be positive and their product (computed without overflow) must fit one array.
     */
    private static Promise imagesPromise(Path file, ByteBuffer h) throws IOException {
        int n = h.getInt(4), rows = h.getInt(8), cols = h.getInt(12);
        if (n < 0) throw new IOException(file + ": bad image count " + n + " at byte 4");
        if (rows < 1) throw new IOException(file + ": bad row count " + rows + " at byte 8");
        if (cols < 1) throw new IOException(file + ": bad column count " + cols + " at byte 12");
        long perImage = (long) rows * cols; // both < 2^31: no overflow
        if (n > 0 && perImage > (Bytes.MAX_READ - IMAGES_HEADER) / n)
            throw new IOException(file + ": header at byte 4 promises " + n + " images of " + rows + "x" + cols + " = "
                    + BigInteger.valueOf(n).multiply(BigInteger.valueOf(perImage)) + " pixel bytes, more than one array holds"
                    + " (2 GiB; a garbled header?)");
        return new Promise(n * perImage, n + " images of " + rows + "x" + cols);
    }

    /** Reads a labels file ({@code *-labels-idx1-ubyte}); every label must be below {@code classes}. */
    public static int[] readLabels(Path file, int classes) throws IOException {
        if (classes < 1 || classes > 256) throw new IllegalArgumentException("classes must be in [1, 256], got " + classes);
        Parts p = parts(file, LABELS_MAGIC, LABELS_HEADER, h -> {
            int n = h.getInt(4);
            if (n < 0) throw new IOException(file + ": bad label count " + n + " at byte 4");
            return new Promise(n, n + " labels");
        });
        byte[] b = p.body();
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
            if (out[i] >= classes)
                throw new IOException(file + ": label " + out[i] + " at byte " + (LABELS_HEADER + i) + " is not below " + classes);
        }
        return out;
    }

    /** The body size a header promises, and what it promises in words (for the truncation message). */
    private record Promise(long bytes, String what) { }

    /** The header's promise, or an IOException naming the file and the field's offset. */
    @FunctionalInterface
    private interface Reading {
        Promise of(ByteBuffer header) throws IOException;
    }

    /** A file's header and the body its header promises (trailing bytes ignored, as before). */
    private record Parts(ByteBuffer header, byte[] body) { }

    /**
     * The header of {@code file} and exactly the body it promises. A gzip file is decompressed as a
     * stream: its header is read and checked first, then no more than the promised bytes are kept, so
     * neither a garbled size nor a gzip bomb allocates more than the data really holds.
     */
    private static Parts parts(Path file, int magic, int headerSize, Reading reading) throws IOException {
        byte[] raw = Bytes.readAll(file, "an IDX file");
        if (!isGzip(raw)) {
            ByteBuffer b = ByteBuffer.wrap(raw);
            header(file, b, magic, headerSize);
            Promise p = reading.of(b);
            if (raw.length < headerSize + p.bytes()) throw truncated(file, raw.length, headerSize, p, "");
            return new Parts(b, Arrays.copyOfRange(raw, headerSize, headerSize + (int) p.bytes()));
        }
        CountingInputStream in = null;
        try {
            in = new CountingInputStream(new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16));
            ByteBuffer h = ByteBuffer.wrap(in.readNBytes(headerSize));
            header(file, h, magic, headerSize);
            Promise p = reading.of(h);
            byte[] body = in.readNBytes((int) p.bytes()); // grows with what the stream really holds
            if (body.length < p.bytes()) throw truncated(file, headerSize + body.length, headerSize, p, " of the decompressed data");
            byte[] rest = new byte[1 << 16];
            while (in.read(rest) >= 0) { } // to the end, so that the gzip checksum is verified
            return new Parts(h, body);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated gzip stream at byte " + (in == null ? 0 : in.count()) + " of the decompressed data ("
                    + raw.length + " compressed bytes)", e);
        } catch (ZipException e) {
            throw new IOException(file + ": corrupt gzip stream at byte " + (in == null ? 0 : in.count()) + " of the decompressed data: "
                    + e.getMessage(), e);
        } finally {
            if (in != null) in.close();
        }
    }

    private static IOException truncated(Path file, long at, int headerSize, Promise p, String where) {
        return new IOException(file + ": truncated at byte " + at + where + ", header promises " + p.what() + " ("
                + (headerSize + p.bytes()) + " bytes)");
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

    /** The file's bytes, decompressed when they start with the gzip magic {@code 1f 8b} (at most 2 GiB). */
    static byte[] content(Path file) throws IOException {
        byte[] raw = Bytes.readAll(file, "an IDX file");
        return isGzip(raw) ? gunzip(file, raw) : raw;
    }

    static boolean isGzip(byte[] raw) {
        return raw.length >= 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b;
    }

    private static byte[] gunzip(Path file, byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(raw.length * 4L, 1 << 26));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            for (int k; (k = in.read(buf)) >= 0; ) {
                if (out.size() > Bytes.MAX_READ - k)
                    throw new IOException(file + ": decompresses to more than one array holds (2 GiB) at byte " + out.size());
                out.write(buf, 0, k);
            }
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

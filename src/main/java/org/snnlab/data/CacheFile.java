package org.snnlab.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one on-disk format of {@link DataCache} entries, little endian (the byte order of ND4J's and
 * numpy's buffers on every supported machine):
 * <pre>
 * int32 magic 0x444E4E53 ("SNND"), int32 version 2,
 * kind, name, description, checksum    (each: int32 byte count, then UTF-8 bytes)
 * int32 rank, int64 dims[rank]          (the shape of one example)
 * int32 classes (0: unlabelled), int32 count,
 * int32 labels[count]                   (only when classes > 0)
 * float32 values[count * prod(dims)]    (example-major, C order)
 * </pre>
 * A short, over-long or otherwise garbled file is an {@link IOException} naming the file and the
 * byte offset.
 */
final class CacheFile {
    static final String EXT = ".snnds";
    private static final int MAGIC = 0x444E4E53;
    private static final int VERSION = 2;
    private static final int MAX_TEXT = 1 << 20;
    private static final int CHUNK = 1 << 16;

    private CacheFile() { }

    /** An entry's header: everything but labels and values. */
    record Header(DataCache.Kind kind, String name, String description, String checksum, long[] shape, int classes, int count) {
        /** The product of the dimensions, saturating at {@code Long.MAX_VALUE} (a garbled header must not wrap around). */
        long valuesPerExample() {
            long per = 1;
            for (long d : shape) per = d > 0 && per > Long.MAX_VALUE / d ? Long.MAX_VALUE : per * d;
            return per;
        }
    }

    /** A whole entry. */
    record Block(Header header, int[] labels, float[] values) { }

    /** The values of the examples to write, one at a time (so a large data set is not copied whole). */
    @FunctionalInterface
    interface Rows {
        /** Copies the {@code dst.length} values of example {@code i} into {@code dst}. */
        void copy(int i, float[] dst);
    }

    static void write(Path f, Header h, int[] labels, Rows rows) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(f, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.CREATE)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            buf.putInt(MAGIC).putInt(VERSION);
            for (String s : new String[]{h.kind().name(), h.name(), h.description(), h.checksum()}) {
                byte[] u = s.getBytes(StandardCharsets.UTF_8);
                if (u.length > MAX_TEXT) throw new IllegalArgumentException("cache text over " + MAX_TEXT + " bytes: " + s.substring(0, 80) + "...");
                put(ch, buf, 4);
                buf.putInt(u.length);
                for (int at = 0; at < u.length; ) {
                    put(ch, buf, 1);
                    int k = Math.min(buf.remaining(), u.length - at);
                    buf.put(u, at, k);
                    at += k;
                }
            }
            put(ch, buf, 4);
            buf.putInt(h.shape().length);
            for (long d : h.shape()) put(ch, buf, 8).putLong(d);
            put(ch, buf, 8);
            buf.putInt(h.classes()).putInt(h.count());
            if (h.classes() > 0) for (int l : labels) put(ch, buf, 4).putInt(l);
            float[] row = new float[Math.toIntExact(h.valuesPerExample())];
            for (int i = 0; i < h.count(); i++) {
                rows.copy(i, row);
                for (float v : row) put(ch, buf, 4).putFloat(v);
            }
            buf.flip();
            while (buf.hasRemaining()) ch.write(buf);
        }
    }

    /** {@code buf} with room for {@code n} more bytes, writing out what it holds when needed. */
    private static ByteBuffer put(SeekableByteChannel ch, ByteBuffer buf, int n) throws IOException {
        if (buf.remaining() < n) {
            buf.flip();
            while (buf.hasRemaining()) ch.write(buf);
            buf.clear();
        }
        return buf;
    }

    /** The header of {@code f}. */
    static Header header(Path f) throws IOException {
        try (In in = new In(f)) {
            return in.header();
        }
    }

    /** The whole entry of {@code f}; its length must be exactly what the header says. */
    static Block read(Path f) throws IOException {
        try (In in = new In(f)) {
            Header h = in.header();
            in.expectBody(h);
            int[] labels = new int[h.classes() > 0 ? h.count() : 0];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = in.need(4).getInt();
                if (labels[i] < 0 || labels[i] >= h.classes())
                    throw in.bad(-4, "label " + labels[i] + " of example " + i + " outside [0, " + h.classes() + ")");
            }
            long n = h.valuesPerExample() * h.count(); // expectBody: no overflow, fits the file
            float[] values = new float[(int) n];
            for (int at = 0; at < values.length; ) {
                int k = Math.min(values.length - at, CHUNK / 4);
                in.need(4 * k).asFloatBuffer().get(values, at, k);
                in.skip(4 * k);
                at += k;
            }
            if (!in.atEnd()) throw in.bad(0, "trailing bytes after " + n + " values");
            return new Block(h, labels, values);
        }
    }

    /** A little-endian reader over a file that knows its byte offset. */
    private static final class In implements AutoCloseable {
        private final Path file;
        private final SeekableByteChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        private long consumed; // bytes before buf's position

        In(Path file) throws IOException {
            this.file = file;
            this.ch = Files.newByteChannel(file);
            buf.limit(0);
        }

        Header header() throws IOException {
            if (need(4).getInt() != MAGIC) throw bad(-4, "not a data cache entry (no SNND magic)");
            int version = need(4).getInt();
            if (version != VERSION) throw bad(-4, "cache format version " + version + ", this snnlab reads " + VERSION);
            String kind = text(), name = text(), description = text(), checksum = text();
            DataCache.Kind k;
            try {
                k = DataCache.Kind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw bad(0, "unknown entry kind '" + printable(kind) + "'");
            }
            int rank = need(4).getInt();
            if (rank < 1 || rank > 16) throw bad(-4, "rank " + rank + " outside [1, 16]");
            long[] shape = new long[rank];
            for (int i = 0; i < rank; i++)
                if ((shape[i] = need(8).getLong()) < 1) throw bad(-8, "dimension " + shape[i] + " < 1");
            int classes = need(4).getInt(), count = need(4).getInt();
            if (classes < 0 || count < 0) throw bad(-8, "negative classes " + classes + " or count " + count);
            return new Header(k, name, description, checksum, shape, classes, count);
        }

        private String text() throws IOException {
            int n = need(4).getInt();
            if (n < 0 || n > MAX_TEXT) throw bad(-4, "text length " + n + " outside [0, " + MAX_TEXT + "]");
            byte[] b = new byte[n];
            for (int at = 0; at < n; ) {
                int k = Math.min(n - at, CHUNK);
                need(k).get(b, at, k);
                at += k;
            }
            return new String(b, StandardCharsets.UTF_8);
        }

        /** The buffer with at least {@code n <= CHUNK} unread bytes at its position. */
        ByteBuffer need(int n) throws IOException {
            if (buf.remaining() < n) {
                consumed += buf.position();
                buf.compact();
                while (buf.position() < n && ch.read(buf) > 0) { }
                buf.flip();
                if (buf.remaining() < n) throw bad(buf.remaining(), "truncated: " + n + " bytes needed, the file ends");
            }
            return buf;
        }

        /**
         * Checks, before anything is allocated, that the values (and labels) {@code h} promises fit one
         * array and the rest of the file: a garbled count or dimension is an error, not gigabytes.
         */
        void expectBody(Header h) throws IOException {
            long per = h.valuesPerExample(), count = h.count();
            long values = count == 0 ? 0 : per > (Integer.MAX_VALUE - 8) / count ? Long.MAX_VALUE : per * count;
            if (values > Integer.MAX_VALUE - 8)
                throw bad(0, (values == Long.MAX_VALUE ? "more than 2^31" : String.valueOf(values)) + " values (" + count
                        + " examples of " + per + ") do not fit one array");
            long at = consumed + buf.position(), need = 4 * values + (h.classes() > 0 ? 4 * count : 0), size = ch.size();
            if (at + need > size)
                throw new IOException(file + ": truncated: the header promises " + need + " bytes of labels and values from byte " + at
                        + ", the file ends at byte " + size);
        }

        /** Moves past {@code n} bytes already read through a view of the buffer. */
        void skip(int n) {
            buf.position(buf.position() + n);
        }

        boolean atEnd() throws IOException {
            if (buf.hasRemaining()) return false;
            buf.clear();
            int r = ch.read(buf);
            buf.flip();
            return r <= 0;
        }

        /** At most 40 characters of {@code s}, control characters as '?', for a one-line message. */
        private static String printable(String s) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < s.length() && b.length() < 40; i++) b.append(Character.isISOControl(s.charAt(i)) ? '?' : s.charAt(i));
            return s.length() > 40 ? b + "..." : b.toString();
        }

        /** An error at the current offset plus {@code delta}. */
        IOException bad(long delta, String what) {
            return new IOException(file + ": " + what + " at byte " + (consumed + buf.position() + delta));
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}

package org.snnlab.data;


import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prepared in-memory data sets kept on disk, so that the trials of a sweep (often separate JVMs)
 * emulate events once instead of once per trial. An entry is {@code <dir>/<sha256(key)>.snnds}:
 * {@code "SNNDS1"}, name, checksum, rank, shape, classes, count, labels (int32), features (float32),
 * big endian. Written to a temp file then renamed into place, so concurrent writers of the same key
 * are harmless (both write the same bytes) and a reader never sees half a file; an unreadable entry
 * is rebuilt.
 */
public final class DataCache {
    private static final String MAGIC = "SNNDS1";
    private final Path dir;

    public DataCache(Path dir) {
        this.dir = dir;
    }

    /** Something that builds a data set (expensive). */
    @FunctionalInterface
    public interface Builder {
        InMemoryDataset build() throws IOException;
    }

    /** The data set for {@code key}: read from the cache, else built and stored. */
    public InMemoryDataset get(String key, Builder builder) throws IOException {
        Path f = dir.resolve(sha256(key) + ".snnds");
        if (Files.isRegularFile(f)) {
            try {
                return read(f);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(f); // unreadable: rebuild
            }
        }
        InMemoryDataset d = builder.build();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "entry", ".tmp");
        try {
            write(tmp, d);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return d;
    }

    static void write(Path f, Dataset d) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeUTF(d.name());
            out.writeUTF(d.checksum());
            long[] shape = d.shape();
            out.writeInt(shape.length);
            for (long s : shape) out.writeLong(s);
            out.writeInt(d.classes());
            out.writeInt(d.size());
            for (int i = 0; i < d.size(); i++) out.writeInt(d.label(i));
            float[] row = new float[d.features()];
            for (int i = 0; i < d.size(); i++) {
                d.copyFeatures(i, row, 0);
                for (float v : row) out.writeFloat(v);
            }
        }
    }

    static InMemoryDataset read(Path f) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF())) throw new IOException(f + ": not a data cache entry");
            String name = in.readUTF(), checksum = in.readUTF();
            long[] shape = new long[in.readInt()];
            long per = 1;
            for (int i = 0; i < shape.length; i++) per *= shape[i] = in.readLong();
            int classes = in.readInt(), n = in.readInt();
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) labels[i] = in.readInt();
            float[] x = new float[Math.toIntExact(per * n)];
            for (int i = 0; i < x.length; i++) x[i] = in.readFloat();
            if (in.read() != -1) throw new IOException(f + ": trailing bytes");
            return new InMemoryDataset(name, shape, classes, x, labels, checksum);
        }
    }

    /** One entry: its file, size, and the data set's name, shape and example count from the header. */
    public record Entry(Path file, long bytes, String name, long[] shape, int size) { }

    /** All entries, sorted by file name; an unreadable header gives name "(unreadable)". */
    public List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".snnds")).sorted().toList()) out.add(entry(f));
        }
        return out;
    }

    /** Deletes every entry; returns how many were removed. */
    public int clear() throws IOException {
        int n = 0;
        for (Entry e : list()) if (Files.deleteIfExists(e.file())) n++;
        return n;
    }

    private static Entry entry(Path f) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 4096))) {
            if (!MAGIC.equals(in.readUTF())) throw new IOException("bad magic");
            String name = in.readUTF();
            in.readUTF();
            long[] shape = new long[in.readInt()];
            for (int i = 0; i < shape.length; i++) shape[i] = in.readLong();
            in.readInt();
            return new Entry(f, Files.size(f), name, shape, in.readInt());
        } catch (IOException | RuntimeException e) {
            return new Entry(f, Files.size(f), "(unreadable)", new long[0], 0);
        }
    }

    static String sha256(String s) {
        return org.snnlab.util.Hashing.sha256Hex(s);
    }
}

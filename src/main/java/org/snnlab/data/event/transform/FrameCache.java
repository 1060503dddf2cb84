package org.snnlab.data.event.transform;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.data.event.EventReader;
import org.snnlab.util.Hashing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Frames computed once and kept on disk. The key is
 * {@code sha256(sha256(source bytes) + "\n" + pipeline + "\n" + frames + "\n" + seed)}, so a changed
 * file, transform parameter or seed gives a new entry. A file {@code <key>.frames} holds
 * {@code "SNNF" int32 version=1, int32 description length, description (UTF-8), int32 rank,
 * int64 dims..., float32 values} (little endian). Writes go to a temp file renamed into place; an
 * unreadable entry is recomputed. The pipeline must describe itself (transforms from {@link Transforms},
 * or {@link EventTransform#named}).
 */
public final class FrameCache {
    private static final int MAGIC = 0x464E4E53; // "SNNF" little endian
    private static final String EXT = ".frames";
    private final Path dir;

    /** One cached entry. */
    public record Entry(String key, Path file, long bytes, long[] shape, String description) { }

    public FrameCache(Path dir) {
        if (dir == null) throw new IllegalArgumentException("cache folder must not be null");
        this.dir = dir;
    }

    /** The frames of {@code source} after {@code pipeline} (seeded with {@code seed}) and {@code frames}, from the cache when present. */
    public INDArray frames(Path source, EventReader reader, EventTransform pipeline, ToFrames frames, long seed) throws IOException {
        String description = describe(pipeline, frames, seed);
        String key = Hashing.sha256Hex(Hashing.sha256Hex(Files.readAllBytes(source)) + "\n" + description);
        Path file = dir.resolve(key + EXT);
        if (Files.isRegularFile(file)) {
            INDArray hit = load(file);
            if (hit != null) return hit;
        }
        INDArray f = frames.apply(pipeline.apply(reader.read(source), new SplittableRandom(seed)));
        store(file, description, f);
        return f;
    }

    static String describe(EventTransform pipeline, ToFrames frames, long seed) {
        String p = pipeline.toString();
        if (p.contains("$$Lambda") || p.contains("$Lambda"))
            throw new IllegalArgumentException("transform '" + p + "' does not describe its parameters; wrap it with EventTransform.named(...)");
        return p + "\n" + frames + "\nseed=" + seed;
    }

    /** All entries, sorted by key. */
    public List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(EXT)).sorted().toList()) {
                Header h = header(f);
                String name = f.getFileName().toString();
                out.add(new Entry(name.substring(0, name.length() - EXT.length()), f, Files.size(f),
                        h == null ? new long[0] : h.shape, h == null ? "(unreadable)" : h.description));
            }
        }
        return out;
    }

    /** Deletes every entry; returns how many were removed. */
    public int clear() throws IOException {
        int n = 0;
        for (Entry e : list()) if (Files.deleteIfExists(e.file())) n++;
        return n;
    }

    private record Header(String description, long[] shape, int dataOffset) { }

    private static Header header(Path f) throws IOException {
        byte[] b;
        try (InputStream in = Files.newInputStream(f)) {
            b = in.readNBytes(1 << 16);
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        try {
            if (bb.getInt() != MAGIC || bb.getInt() != 1) return null;
            byte[] d = new byte[bb.getInt()];
            bb.get(d);
            long[] shape = new long[bb.getInt()];
            for (int i = 0; i < shape.length; i++) shape[i] = bb.getLong();
            return new Header(new String(d, StandardCharsets.UTF_8), shape, bb.position());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static INDArray load(Path f) throws IOException {
        Header h = header(f);
        if (h == null) return null;
        long n = 1;
        for (long s : h.shape) n *= s;
        byte[] b = Files.readAllBytes(f);
        if (b.length != h.dataOffset + 4 * n) return null;
        float[] v = new float[(int) n];
        ByteBuffer.wrap(b, h.dataOffset, 4 * (int) n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return Nd4j.create(v, h.shape, 'c');
    }

    private void store(Path file, String description, INDArray frames) throws IOException {
        Files.createDirectories(dir);
        byte[] d = description.getBytes(StandardCharsets.UTF_8);
        long[] shape = frames.shape();
        float[] v = frames.dup('c').data().asFloat();
        ByteBuffer bb = ByteBuffer.allocate(16 + d.length + 8 * shape.length + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(MAGIC).putInt(1).putInt(d.length).put(d).putInt(shape.length);
        for (long s : shape) bb.putLong(s);
        bb.asFloatBuffer().put(v);
        Path tmp = Files.createTempFile(dir, "frames", ".tmp");
        Files.write(tmp, bb.array());
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

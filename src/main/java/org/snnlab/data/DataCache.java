package org.snnlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.data.event.EventReader;
import org.snnlab.data.event.transform.EventTransform;
import org.snnlab.data.event.transform.ToFrames;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Prepared data kept on disk, computed once and then read back: the one cache of snnlab, in one
 * format ({@link CacheFile}: little-endian header, labels, float32 values). Two kinds of entry:
 * <ul>
 *   <li>{@link Kind#DATASET}: a prepared in-memory data set ({@link #get}), e.g. the emulated events a
 *       sweep's trials (often separate JVMs) share, keyed by text naming everything it depends on;</li>
 *   <li>{@link Kind#FRAMES}: the frames of one event file after a transform pipeline ({@link #frames}),
 *       keyed by {@code sha256(source bytes) + "\n" + pipeline + "\n" + framing + "\nseed=" + seed}, so a
 *       changed file, transform parameter or seed gives a new entry.</li>
 * </ul>
 * An entry is {@code <dir>/<sha256(key)>.snnds}. Written to a temp file then renamed into place, so
 * concurrent writers of the same key are harmless (both write the same bytes) and a reader never sees
 * half a file; an unreadable entry is rebuilt.
 */
public final class DataCache {
    /** What an entry holds. */
    public enum Kind { FRAMES, DATASET }

    private final Path dir;

    public DataCache(Path dir) {
        if (dir == null) throw new IllegalArgumentException("cache folder must not be null");
        this.dir = dir;
    }

    /** Something that builds a data set (expensive). */
    @FunctionalInterface
    public interface Builder {
        InMemoryDataset build() throws IOException;
    }

    /** The data set for {@code key}: read from the cache, else built and stored. */
    public InMemoryDataset get(String key, Builder builder) throws IOException {
        Path f = file(key);
        CacheFile.Block hit = readOrDelete(f, Kind.DATASET);
        if (hit != null) {
            CacheFile.Header h = hit.header();
            return new InMemoryDataset(h.name(), h.shape(), h.classes(), hit.values(), hit.labels(), h.checksum());
        }
        InMemoryDataset d = builder.build();
        int[] labels = new int[d.size()];
        for (int i = 0; i < d.size(); i++) labels[i] = d.label(i);
        store(f, new CacheFile.Header(Kind.DATASET, d.name(), key, d.checksum(), d.shape(), d.classes(), d.size()), labels,
                (i, row) -> d.copyFeatures(i, row, 0));
        return d;
    }

    /**
     * The frames {@code [F, 2, H, W]} of the event file {@code source} read by {@code reader}, after
     * {@code pipeline} (drawing from {@code new SplittableRandom(seed)}) and {@code frames}: from the
     * cache when present, else computed and stored. The pipeline must describe itself (transforms from
     * {@link org.snnlab.data.event.transform.Transforms}, or {@link EventTransform#named}).
     */
    public INDArray frames(Path source, EventReader reader, EventTransform pipeline, ToFrames frames, long seed) throws IOException {
        String description = describe(pipeline, frames, seed), sha = FashionMnist.sha256(source);
        Path f = file(sha + "\n" + description);
        CacheFile.Block hit = readOrDelete(f, Kind.FRAMES);
        if (hit != null) return Nd4j.create(hit.values(), hit.header().shape(), 'c');
        INDArray out = frames.apply(pipeline.apply(reader.read(source), new SplittableRandom(seed)));
        float[] values = out.dup('c').data().asFloat();
        store(f, new CacheFile.Header(Kind.FRAMES, source.getFileName().toString(), description, sha, out.shape(), 0, 1), new int[0],
                (i, row) -> System.arraycopy(values, 0, row, 0, row.length));
        return out;
    }

    static String describe(EventTransform pipeline, ToFrames frames, long seed) {
        String p = pipeline.toString();
        if (p.contains("$$Lambda") || p.contains("$Lambda"))
            throw new IllegalArgumentException("transform '" + p + "' does not describe its parameters; wrap it with EventTransform.named(...)");
        return p + "\n" + frames + "\nseed=" + seed;
    }

    private Path file(String key) {
        return dir.resolve(sha256(key) + CacheFile.EXT);
    }

    /** The entry in {@code f} when it is readable and of kind {@code kind}; an unreadable one is deleted. */
    private static CacheFile.Block readOrDelete(Path f, Kind kind) throws IOException {
        if (!Files.isRegularFile(f)) return null;
        try {
            CacheFile.Block b = CacheFile.read(f);
            if (b.header().kind() == kind) return b;
        } catch (IOException | RuntimeException e) {
            // unreadable: rebuilt below
        }
        Files.deleteIfExists(f);
        return null;
    }

    private void store(Path f, CacheFile.Header h, int[] labels, CacheFile.Rows rows) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "entry", ".tmp");
        try {
            CacheFile.write(tmp, h, labels, rows);
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * One entry: its file, size and key (the file name without {@code .snnds}), its kind, and from its
     * header the name (a data set's, or the source file's for frames), description (the key text, or
     * the pipeline, framing and seed), per-example shape and example count. An unreadable header gives
     * kind null and name {@code "(unreadable)"}.
     */
    public record Entry(Path file, long bytes, String key, Kind kind, String name, String description, long[] shape, int size) { }

    /** All entries, frames before data sets (unreadable ones last), each group sorted by file name. */
    public List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(CacheFile.EXT)).sorted().toList()) out.add(entry(f));
        }
        out.sort(Comparator.comparing((Entry e) -> e.kind() == null ? Kind.values().length : e.kind().ordinal()));
        return out;
    }

    /** Deletes every entry; returns how many were removed. */
    public int clear() throws IOException {
        int n = 0;
        for (Entry e : list()) if (Files.deleteIfExists(e.file())) n++;
        return n;
    }

    private static Entry entry(Path f) throws IOException {
        String name = f.getFileName().toString(), key = name.substring(0, name.length() - CacheFile.EXT.length());
        try {
            CacheFile.Header h = CacheFile.header(f);
            return new Entry(f, Files.size(f), key, h.kind(), h.name(), h.description(), h.shape(), h.count());
        } catch (IOException | RuntimeException e) {
            return new Entry(f, Files.size(f), key, null, "(unreadable)", "(unreadable)", new long[0], 0);
        }
    }

    static String sha256(String s) {
        return org.snnlab.util.Hashing.sha256Hex(s);
    }
}

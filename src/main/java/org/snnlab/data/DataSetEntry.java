package org.snnlab.data;

import org.snnlab.data.download.DatasetInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One data set of the {@link DataCatalog}, defined once: its name, what it is, the kind and shape of
 * an example, its classes, where its files are found ({@link Locator} over the {@link DataRoots}),
 * how one split is read ({@link Reader}; null for a data set that can only be downloaded so far) and
 * its download registry entry ({@link DatasetInfo}; null for a data set derived from another, e.g. by
 * a {@link org.snnlab.data.event.DvsEmulator} preset).
 *
 * @param shape   the shape of one example: {@code [C, H, W]} for images, the shape of ONE frame
 *                {@code [2, H, W]} for event frames (an example is {@code [T, 2, H, W]}, see {@link #exampleShape})
 * @param classes number of classes
 */
public record DataSetEntry(String name, String description, Kind kind, long[] shape, int classes, Locator locator,
                           Reader reader, DatasetInfo download) {
    /** What an example is. */
    public enum Kind {
        /** a static image {@code [C, H, W]}, fed through an encoder (direct, rate, latency) */
        IMAGES,
        /** {@code T} frames of events {@code [T, 2, H, W]} (OFF, ON), fed one frame per time step */
        EVENT_FRAMES
    }

    public DataSetEntry {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) throw new IllegalArgumentException("data set name must be lower-case kebab, got '" + name + "'");
        if (description == null || description.isBlank()) throw new IllegalArgumentException(name + ": needs a description");
        if (kind == null || locator == null) throw new IllegalArgumentException(name + ": kind and locator must not be null");
        if (shape == null || shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 1))
            throw new IllegalArgumentException(name + ": bad shape " + Arrays.toString(shape));
        if (classes < 2) throw new IllegalArgumentException(name + ": classes must be >= 2, got " + classes);
        if (download != null && !download.name().equals(name))
            throw new IllegalArgumentException(name + ": its download entry is called '" + download.name() + "'");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Whether a reader turns the files into examples (else the data set can only be downloaded). */
    public boolean loadable() {
        return reader != null;
    }

    /** The shape of one example: {@link #shape()} for images, {@code [frames, 2, H, W]} for event frames. */
    public long[] exampleShape(int frames) {
        if (kind == Kind.IMAGES) return shape();
        if (frames < 1) throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        long[] s = new long[shape.length + 1];
        s[0] = frames;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /** What a {@link Reader} is asked for: one split, from a located folder. */
    public record Part(Path dir, Split split, int frames, Integer limit, DataCache cache) {
        public Part {
            if (dir == null || split == null) throw new IllegalArgumentException("dir and split must not be null");
            if (frames < 1) throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }

        /** The command-line option of this split's limit, for messages. */
        public String limitOption() {
            return split == Split.TRAIN ? "--limit-train" : "--limit-test";
        }

        /** {@code d} cut to its first {@link #limit()} examples (all without one); a limit outside [1, size] is an error. */
        public Dataset first(Dataset d) {
            if (limit == null) return d;
            if (limit < 1 || limit > d.size())
                throw new IllegalArgumentException(limitOption() + " must be in [1, " + d.size() + "], got " + limit);
            return d.limit(limit);
        }

        /** The limit as "at most this many" for readers that stop early: the given positive count, or {@link Integer#MAX_VALUE}. */
        public int atMost() {
            if (limit == null) return Integer.MAX_VALUE;
            if (limit < 1) throw new IllegalArgumentException(limitOption() + " must be >= 1, got " + limit);
            return limit;
        }
    }

    /** Reads one split. */
    @FunctionalInterface
    public interface Reader {
        Dataset read(Part part) throws IOException;
    }

    /** Where a data set's files are under the data roots. */
    public interface Locator {
        /** The folder holding the data set, or null when no root does. */
        Path find(DataRoots roots);

        /** {@link #find}, else an {@link IllegalStateException} saying what to fetch and where to put it. */
        Path locate(DataRoots roots);

        /**
         * The first {@code <root>/<folder>} passing {@code complete}; the error names the folders
         * searched, {@code holds} (what a complete folder holds) and the download command.
         */
        static Locator folder(String folder, Predicate<Path> complete, String holds) {
            return of(roots -> roots.find(folder, complete), roots -> {
                Path p = roots.find(folder, complete);
                if (p != null) return p;
                throw new IllegalStateException(folder + " not found: none of " + roots.folders(folder) + " holds " + holds
                        + "; `bin/snnlab data download " + folder + "` fetches it or says where to get it");
            });
        }

        /** A locator from its two functions. */
        static Locator of(Function<DataRoots, Path> find, Function<DataRoots, Path> locate) {
            return new Locator() {
                @Override
                public Path find(DataRoots roots) {
                    return find.apply(roots);
                }

                @Override
                public Path locate(DataRoots roots) {
                    return locate.apply(roots);
                }
            };
        }
    }

    /** Whether {@code dir} has every one of the given sub-folders. */
    static boolean hasFolders(Path dir, String... folders) {
        for (String f : folders) if (!Files.isDirectory(dir.resolve(f))) return false;
        return true;
    }
}

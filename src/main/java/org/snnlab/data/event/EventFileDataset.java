package org.snnlab.data.event;

import org.snnlab.data.Dataset;
import org.snnlab.data.FashionMnist;
import org.snnlab.data.event.transform.ToFrames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Event files read from disk on demand, one file per example, each framed by a {@link ToFrames} into
 * {@code [frames, 2, H, W]} when its features are asked for (nothing is held in memory but the file
 * list, so a {@link org.snnlab.data.Prefetcher} overlaps reading and framing with training). Laid out
 * as class folders, N-MNIST style: {@code <split>/<class>/*.bin} with the class folders sorted by name
 * giving labels 0, 1, ... A file that is corrupt fails {@link #copyFeatures} with an
 * {@link UncheckedIOException} whose cause names the file and byte offset.
 *
 * <p>N-MNIST {@code .bin} files framed into BINS take the fused path {@link NmnistBin#binsInto} (about
 * twice as fast; same frames, tested); {@link #fused(boolean) fused(false)} switches to the pure path
 * (reader, then {@link ToFrames#framesInto}) that every other format takes.
 */
public final class EventFileDataset implements Dataset {
    private final String name;
    private final List<Path> files;
    private final int[] labels;
    private final int classes;
    private final ToFrames frames;
    private final int frameCount;
    private final int width;
    private final int height;
    private final int size;
    private final boolean fused;
    private volatile String checksum;

    /**
     * @param files      one event file per example (any {@link EventFormat} with a single stream)
     * @param labels     class of each file, in {@code [0, classes)}
     * @param frames     the framing; it must yield exactly {@code frameCount} frames (BINS mode does)
     * @param width      sensor width (frames are {@code [frameCount, 2, height, width]})
     */
    public EventFileDataset(String name, List<Path> files, int[] labels, int classes, ToFrames frames, int frameCount,
                            int width, int height) {
        if (files.size() != labels.length) throw new IllegalArgumentException(files.size() + " files for " + labels.length + " labels");
        if (files.isEmpty()) throw new IllegalArgumentException(name + ": no files");
        for (int i = 0; i < labels.length; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new IllegalArgumentException(name + ": label[" + i + "] = " + labels[i] + " outside [0," + classes + ")");
        if (frameCount < 1 || width < 1 || height < 1) throw new IllegalArgumentException("frames and sensor size must be >= 1");
        this.name = name;
        this.files = List.copyOf(files);
        this.labels = labels.clone();
        this.classes = classes;
        this.frames = frames;
        this.frameCount = frameCount;
        this.width = width;
        this.height = height;
        this.size = labels.length;
        this.fused = true;
    }

    /**
     * N-MNIST's layout: {@code split/<digit>/*.bin} (34x34), framed into {@code bins} equal-time bins of
     * event counts. Class folders are sorted by name; files within a folder by name; examples
     * interleave the classes (file 0 of each class, then file 1, ...) so that any {@link #limit} is balanced.
     */
    public static EventFileDataset nmnist(Path split, int bins) throws IOException {
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(split)) {
            classDirs = s.filter(Files::isDirectory).sorted().toList();
        }
        if (classDirs.isEmpty()) throw new IOException(split + ": no class folders (expected N-MNIST's <split>/<digit>/*.bin)");
        List<List<Path>> per = new ArrayList<>();
        for (Path c : classDirs)
            try (Stream<Path> s = Files.list(c)) {
                per.add(s.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList());
            }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0, added = 1; added > 0; k++) {
            added = 0;
            for (int c = 0; c < per.size(); c++)
                if (k < per.get(c).size()) {
                    files.add(per.get(c).get(k));
                    labels.add(c);
                    added++;
                }
        }
        return new EventFileDataset("events-" + split.getFileName(), files, labels.stream().mapToInt(i -> i).toArray(),
                classDirs.size(), new ToFrames(ToFrames.Mode.BINS, bins, false), bins, NmnistBin.SIZE, NmnistBin.SIZE);
    }

    private EventFileDataset(EventFileDataset d, int n, boolean fused) {
        this.name = n == d.size ? d.name : d.name + "[:" + n + "]";
        this.files = d.files;
        this.labels = d.labels;
        this.classes = d.classes;
        this.frames = d.frames;
        this.frameCount = d.frameCount;
        this.width = d.width;
        this.height = d.height;
        this.size = n;
        this.fused = fused;
    }

    /** The same examples, framed by the fused N-MNIST path ({@code true}, the default) or the pure one. */
    public EventFileDataset fused(boolean on) {
        return new EventFileDataset(this, size, on);
    }

    @Override
    public int size() { return size; }

    @Override
    public long[] shape() { return new long[]{frameCount, 2, height, width}; }

    @Override
    public int classes() { return classes; }

    @Override
    public int label(int index) {
        check(index);
        return labels[index];
    }

    /** Reads file {@code index} and frames it straight into {@code dst}; frames past the stream's end stay zero. */
    @Override
    public void copyFeatures(int index, float[] dst, int offset) {
        check(index);
        Path f = files.get(index);
        try {
            EventFormat format = EventFormat.detect(f);
            if (fusable(format) && NmnistBin.binsInto(f, frameCount, frames.binary(), dst, offset)) return;
            Events e = format.reader().read(f);
            if (e.width() != width || e.height() != height)
                throw new IOException(f + ": sensor " + e.width() + "x" + e.height() + ", expected " + width + "x" + height);
            frames.framesInto(e.isSorted() ? e : e.sorted(), dst, offset, frameCount);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean fusable(EventFormat format) {
        return fused && format == EventFormat.NMNIST_BIN && frames.mode() == ToFrames.Mode.BINS && frames.value() == frameCount
                && width == NmnistBin.SIZE && height == NmnistBin.SIZE;
    }

    private void check(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(name + ": index " + index + " outside [0," + size + ")");
    }

    /** sha256 over the bytes of every file in order (computed on first call, then kept). */
    @Override
    public String checksum() {
        String c = checksum;
        if (c == null) {
            try {
                checksum = c = FashionMnist.sha256(files.subList(0, size).toArray(new Path[0]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return c;
    }

    @Override
    public String name() { return name; }

    @Override
    public Dataset limit(int n) {
        if (n < 1 || n > size) throw new IllegalArgumentException(name + ": limit " + n + " outside [1, " + size + "]");
        return new EventFileDataset(this, n, fused);
    }

    /** The file of example {@code index}. */
    public Path file(int index) {
        check(index);
        return files.get(index);
    }
}

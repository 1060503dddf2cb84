package org.snnlab.data;

import org.snnlab.data.download.DatasetInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Every data set snnlab knows, each defined once ({@link DataSetEntry}: name, reader, folder under the
 * {@link DataRoots}, emulation preset, download registry entry), loaded by name by the CLI's
 * {@code train}, every sweep trial and the notebooks. The loadable ones ({@link #NAMES}):
 * <ul>
 *   <li>{@code fashion-mnist}: static images {@code [1, 28, 28]} (the bundled subset when no full copy is found);</li>
 *   <li>{@code nfashion-emulated}: Fashion-MNIST images turned into N-MNIST-like saccade recordings by
 *       {@link org.snnlab.data.event.DvsEmulator#nfashion34()} (34x34, 2 polarities), then T equal-time
 *       binary frames {@code [T, 2, 34, 34]}; the training split is emulated with seed 1 + index, the
 *       test split with 1,000,000 + index (as notebook 01). Only the first {@code limit*} images are emulated;</li>
 *   <li>{@code ncars}: Prophesee NCARS, binary frames {@code [T, 2, 100, 100]}, balanced classes;</li>
 *   <li>{@code nfashion-emulated-32}: as {@code nfashion-emulated} on a 32x32 sensor
 *       ({@link org.snnlab.data.event.DvsEmulator#nfashion32()});</li>
 *   <li>{@code mnist}, and {@code nmnist-emulated} (MNIST through {@link org.snnlab.data.event.DvsEmulator#nmnistLike()});</li>
 *   <li>{@code n-mnist} {@code [T, 2, 34, 34]}, {@code dvs-gesture} {@code [T, 2, 32, 32]} (downsampled by 4);</li>
 *   <li>{@code cifar-10}, {@code cifar-100} (fine labels): images {@code [3, 32, 32]}.</li>
 * </ul>
 * plus {@code shd}, which can be downloaded but not loaded yet. The download registry of
 * {@code snnlab data list|download} is {@link #downloads()}: the entries' {@link DatasetInfo}s.
 *
 * <p>Limits: {@code fashion-mnist}, {@code mnist}, {@code cifar-*} and the emulated sets take the first
 * {@code N} examples and reject {@code N} above the split's size; {@code ncars}, {@code n-mnist} and
 * {@code dvs-gesture} read at most {@code N} (all there are when fewer). Adding a data set: its reader
 * and one entry in {@link CatalogEntries}.
 */
public final class DataCatalog {
    private static final List<DataSetEntry> ENTRIES = CatalogEntries.all();
    /** The names of the data sets {@link #load} reads, in the catalog's order. */
    public static final List<String> NAMES = ENTRIES.stream().filter(DataSetEntry::loadable).map(DataSetEntry::name).toList();

    /**
     * What to load.
     *
     * @param name       a catalog name ({@link #NAMES})
     * @param dir        where the files are; null = looked for under the data roots
     * @param frames     T, frames per example for event data (ignored for images)
     * @param limitTrain the first N training examples, null = all
     * @param limitTest  the first N test examples, null = all
     * @param cacheDir   keep emulated data here and reuse it; null = no cache
     */
    public record Request(String name, Path dir, int frames, Integer limitTrain, Integer limitTest, Path cacheDir) {
        public Request {
            check(name);
            if (frames < 1) throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
    }

    /** Both splits of a loaded data set. */
    public record TrainTest(Dataset train, Dataset test) { }

    private DataCatalog() { }

    /** Every entry, in the catalog's order (the loadable ones first as in {@link #NAMES}, then the others). */
    public static List<DataSetEntry> entries() {
        return ENTRIES;
    }

    /** The entry called {@code name}; IllegalArgumentException listing the known names otherwise. */
    public static DataSetEntry entry(String name) {
        for (DataSetEntry e : ENTRIES) if (e.name().equals(name)) return e;
        throw new IllegalArgumentException("unknown data set '" + name + "', known: "
                + String.join(", ", ENTRIES.stream().map(DataSetEntry::name).toList()));
    }

    /** True for the data sets whose examples are T frames of events (fed with the frames encoder). */
    public static boolean isEvents(String name) {
        check(name);
        return entry(name).kind() == DataSetEntry.Kind.EVENT_FRAMES;
    }

    static void check(String name) {
        if (!NAMES.contains(name)) throw new IllegalArgumentException("--dataset must be one of " + NAMES + ", got '" + name + "'");
    }

    /** The download registry: every entry's download, sorted by name. */
    public static List<DatasetInfo> downloads() {
        return ENTRIES.stream().map(DataSetEntry::download).filter(d -> d != null).sorted(Comparator.comparing(DatasetInfo::name)).toList();
    }

    /** The download of the data set {@code name}; IllegalArgumentException listing the downloadable names otherwise. */
    public static DatasetInfo download(String name) {
        for (DatasetInfo d : downloads()) if (d.name().equals(name)) return d;
        throw new IllegalArgumentException("unknown data set '" + name + "', known: "
                + String.join(", ", downloads().stream().map(DatasetInfo::name).toList()));
    }

    /** The folder holding data set {@code name} under the standard roots ({@link DataRoots#standard()}). */
    public static Path locate(String name) {
        return locate(name, DataRoots.standard());
    }

    /** The folder holding data set {@code name} under {@code roots}; IllegalStateException saying what to fetch otherwise. */
    public static Path locate(String name, DataRoots roots) {
        return entry(name).locator().locate(roots);
    }

    /** Whether the files of data set {@code name} are found under the standard roots. */
    public static boolean available(String name) {
        return available(name, DataRoots.standard());
    }

    /** Whether the files of data set {@code name} are found under {@code roots}. */
    public static boolean available(String name, DataRoots roots) {
        return entry(name).locator().find(roots) != null;
    }

    /**
     * The first of {@code names} whose files are found under the standard roots (a notebook's "the real
     * recordings, else the emulated ones"); the last name when none is found, so that loading it says
     * what is missing.
     */
    public static String firstAvailable(String... names) {
        return firstAvailable(DataRoots.standard(), names);
    }

    /** {@link #firstAvailable(String...)} under {@code roots}. */
    public static String firstAvailable(DataRoots roots, String... names) {
        if (names.length == 0) throw new IllegalArgumentException("give at least one data set name");
        for (String n : names) if (available(n, roots)) return n;
        return names[names.length - 1];
    }

    /** Loads both splits of an image data set: {@link #load(String, int, Integer, Integer)} with one frame. */
    public static TrainTest load(String name, Integer limitTrain, Integer limitTest) throws IOException {
        if (isEvents(name)) throw new IllegalArgumentException(name + " holds event frames: say how many, load(name, frames, limitTrain, limitTest)");
        return load(name, 1, limitTrain, limitTest);
    }

    /** Loads both splits found under the standard roots, without a cache (a notebook's one line). */
    public static TrainTest load(String name, int frames, Integer limitTrain, Integer limitTest) throws IOException {
        return load(new Request(name, null, frames, limitTrain, limitTest, null));
    }

    /** {@link #load(Request, DataRoots)} under the standard roots. */
    public static TrainTest load(Request r) throws IOException {
        return load(r, DataRoots.standard());
    }

    /**
     * Loads both splits, from {@code r.dir()} or else the folder found under {@code roots}. With a cache
     * folder the emulated splits are read from / stored in it, keyed by the source's sha256, the
     * emulator, T and the limit.
     */
    public static TrainTest load(Request r, DataRoots roots) throws IOException {
        DataSetEntry e = entry(r.name());
        Path dir = r.dir();
        if (dir == null) dir = e.locator().locate(roots);
        else if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--data-dir " + dir + " is not a folder (--dataset " + r.name() + ")");
        DataCache cache = r.cacheDir() == null ? null : new DataCache(r.cacheDir());
        Dataset train = e.reader().read(new DataSetEntry.Part(dir, Split.TRAIN, r.frames(), r.limitTrain(), cache));
        Dataset test = e.reader().read(new DataSetEntry.Part(dir, Split.TEST, r.frames(), r.limitTest(), cache));
        return new TrainTest(train, test);
    }
}

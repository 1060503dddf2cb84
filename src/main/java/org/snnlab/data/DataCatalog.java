package org.snnlab.data;

import org.snnlab.data.event.DvsEmulator;
import org.snnlab.data.event.EmulatedDataset;
import org.snnlab.data.event.Ncars;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The data sets a training run can load by name (the CLI's {@code train}, every sweep trial,
 * notebooks):
 * <ul>
 *   <li>{@code fashion-mnist}: static images {@code [1, 28, 28]};</li>
 *   <li>{@code nfashion-emulated}: Fashion-MNIST images turned into N-MNIST-like saccade recordings by
 *       {@link #EMULATOR} (34x34, 2 polarities), then T equal-time binary frames {@code [T, 2, 34, 34]};
 *       the training split is emulated with seed 1 + index, the test split with 1,000,000 + index (as
 *       notebook 01). Only the first {@code limit*} images are emulated;</li>
 *   <li>{@code ncars}: Prophesee NCARS from {@code dir} (default {@code data/ncars}), binary
 *       frames {@code [T, 2, 100, 100]}, balanced classes.</li>
 * </ul>
 */
public final class DataCatalog {
    /** The data set names. */
    public static final List<String> NAMES = List.of("fashion-mnist", "nfashion-emulated", "ncars");
    /** Notebook 01's emulator: 34x34 sensor, 3 x 100 ms saccades of 2 px, 1 ms steps, C 0.3, 3% mismatch. */
    public static final DvsEmulator EMULATOR = new DvsEmulator(34, 100, 2, 1000, 0.3, 0.03, 1000, 0.2);

    /**
     * What to load.
     *
     * @param name       a catalog name ({@link #NAMES})
     * @param dir        where the files are; null = the data set's default lookup
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

    /** True for the data sets whose examples are T frames of events (fed with the frames encoder). */
    public static boolean isEvents(String name) {
        check(name);
        return !name.equals("fashion-mnist");
    }

    static void check(String name) {
        if (!NAMES.contains(name)) throw new IllegalArgumentException("--dataset must be one of " + NAMES + ", got '" + name + "'");
    }

    /**
     * Loads both splits. With a cache folder the emulated splits are read from / stored in it, keyed
     * by the source's sha256, the emulator, T and the limit.
     */
    public static TrainTest load(Request r) throws IOException {
        DataCache cache = r.cacheDir() == null ? null : new DataCache(r.cacheDir());
        Path dataDir = r.dir();
        int frames = r.frames();
        return switch (r.name()) {
            case "fashion-mnist" -> {
                Path dir = dataDir != null ? dataDir : FashionMnist.locate();
                yield new TrainTest(limit(FashionMnist.load(dir, true), r.limitTrain(), "--limit-train"),
                        limit(FashionMnist.load(dir, false), r.limitTest(), "--limit-test"));
            }
            case "nfashion-emulated" -> {
                Path dir = dataDir != null ? dataDir : FashionMnist.locate();
                Dataset tr = limit(FashionMnist.load(dir, true), r.limitTrain(), "--limit-train");
                Dataset te = limit(FashionMnist.load(dir, false), r.limitTest(), "--limit-test");
                yield new TrainTest(emulate(tr, frames, 1, cache), emulate(te, frames, 1_000_000, cache));
            }
            default -> {
                Path dir = dataDir != null ? dataDir : Path.of("data", "ncars");
                if (!Files.isDirectory(dir))
                    throw new IllegalArgumentException("--dataset ncars: " + dir + " is not a folder (snnlab data download ncars says where to get it)");
                yield new TrainTest(Ncars.frames(dir, true, frames, positive(r.limitTrain(), "--limit-train")),
                        Ncars.frames(dir, false, frames, positive(r.limitTest(), "--limit-test")));
            }
        };
    }

    private static Dataset emulate(Dataset images, int frames, long seed, DataCache cache) throws IOException {
        if (cache == null) return EmulatedDataset.of(images, EMULATOR, frames, seed);
        String key = String.join("|", "nfashion-emulated", images.name(), Integer.toString(images.size()), images.checksum(),
                EMULATOR.toString(), "frames=" + frames, "seed=" + seed);
        return cache.get(key, () -> EmulatedDataset.of(images, EMULATOR, frames, seed));
    }

    static Dataset limit(Dataset d, Integer n, String option) {
        if (n == null) return d;
        if (n < 1 || n > d.size())
            throw new IllegalArgumentException(option + " must be in [1, " + d.size() + "], got " + n);
        return d.limit(n);
    }

    /** NCARS' limit argument: the given positive count, or all ({@link Integer#MAX_VALUE}). */
    private static int positive(Integer n, String option) {
        if (n == null) return Integer.MAX_VALUE;
        if (n < 1) throw new IllegalArgumentException(option + " must be >= 1, got " + n);
        return n;
    }
}

package org.snnlab.train;

import org.snnlab.data.DataCatalog;

import java.nio.file.Path;

/**
 * Which data a training spec loads: a catalog name, where its files are (null = the catalog's
 * lookup), and how many examples of each split (null = all).
 *
 * @param name       a {@link DataCatalog} name
 * @param dir        the data set's folder, or null
 * @param limitTrain the first N training examples, or null
 * @param limitTest  the first N test examples, or null
 */
public record DataSpec(String name, String dir, Integer limitTrain, Integer limitTest) {
    public DataSpec {
        DataCatalog.isEvents(name); // validates the name
        if (dir != null && dir.isBlank()) throw new IllegalArgumentException("--data-dir must not be empty");
        if (limitTrain != null && limitTrain < 1) throw new IllegalArgumentException("--limit-train must be >= 1, got " + limitTrain);
        if (limitTest != null && limitTest < 1) throw new IllegalArgumentException("--limit-test must be >= 1, got " + limitTest);
    }

    /** All of a catalog data set, from its default location. */
    public static DataSpec of(String name) {
        return new DataSpec(name, null, null, null);
    }

    /** True when the examples are T frames of events. */
    public boolean events() {
        return DataCatalog.isEvents(name);
    }

    /** The catalog request for T frames (images ignore it) and an optional cache folder. */
    public DataCatalog.Request request(int frames, Path cacheDir) {
        return new DataCatalog.Request(name, dir == null ? null : Path.of(dir), frames, limitTrain, limitTest, cacheDir);
    }
}

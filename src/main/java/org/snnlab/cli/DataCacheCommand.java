package org.snnlab.cli;

import org.snnlab.data.DataCache;
import org.snnlab.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code snnlab data cache DIR [--clear]}: lists what a cache folder ({@link DataCache}, {@code *.snnds})
 * holds, framed event files (kind {@code frames}: key, shape, transform description) and prepared data
 * sets (kind {@code dataset}, e.g. a sweep's {@code data-cache}: name, shape, examples), with their
 * sizes, as one JSON line; {@code --clear} deletes those entries (nothing else in the folder) and says
 * how many.
 */
@Command(name = "cache", mixinStandardHelpOptions = true, description = "List (or --clear) a frame / data-set cache folder (JSON line).")
public final class DataCacheCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the cache folder, e.g. a sweep's OUT/data-cache") Path dir;
    @Option(names = "--clear", description = "delete the cache entries") boolean clear;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no such cache folder: " + dir);
        DataCache cache = new DataCache(dir);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", dir.toString());
        if (clear) {
            m.put("cleared", cache.clear());
        } else {
            List<Map<String, Object>> entries = new ArrayList<>();
            long total = 0;
            for (DataCache.Entry e : cache.list()) {
                entries.add(entry(e));
                total += e.bytes();
            }
            m.put("entries", entries.size());
            m.put("bytes", total);
            m.put("items", entries);
        }
        System.out.println(Json.compact(m));
        return 0;
    }

    private static Map<String, Object> entry(DataCache.Entry e) {
        Map<String, Object> more = e.kind() == DataCache.Kind.DATASET ? Map.of("name", e.name(), "examples", e.size())
                : e.kind() == DataCache.Kind.FRAMES ? Map.of("key", e.key(), "description", e.description())
                : Map.of("key", e.key(), "name", e.name());
        String kind = e.kind() == null ? "unreadable" : e.kind() == DataCache.Kind.DATASET ? "dataset" : "frames";
        return entry(kind, e.file(), e.bytes(), e.shape(), more);
    }

    private static Map<String, Object> entry(String kind, Path file, long bytes, long[] shape, Map<String, Object> more) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", kind);
        e.put("file", file.getFileName().toString());
        e.put("bytes", bytes);
        e.put("shape", Arrays.toString(shape));
        e.putAll(more);
        return e;
    }
}

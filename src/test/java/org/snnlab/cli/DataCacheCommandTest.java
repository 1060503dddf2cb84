package org.snnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.data.DataCache;
import org.snnlab.data.InMemoryDataset;
import org.snnlab.data.event.DvsEmulator;
import org.snnlab.data.event.NmnistBin;
import org.snnlab.data.event.transform.ToFrames;
import org.snnlab.data.event.transform.Transforms;
import org.snnlab.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code snnlab data cache}: lists frame and data-set entries with sizes, clears only them, errors in one line. */
class DataCacheCommandTest {

    @Test
    void listsBothKindsThenClearsOnlyCacheEntries(@TempDir Path tmp) throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        float[] img = new float[784];
        for (int i = 300; i < 500; i++) img[i] = 0.9f;
        Path src = tmp.resolve("s.bin");
        NmnistBin.write(src, DvsEmulator.nmnistLike().emulate(img, 28, 28, 3));
        new DataCache(cache).frames(src, NmnistBin::read, Transforms.denoise(5000), new ToFrames(ToFrames.Mode.BINS, 4, false), 1);
        new DataCache(cache).get("k", () -> new InMemoryDataset("tiny", new long[]{2, 3}, 2,
                new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new int[]{0, 1}, "c"));
        Path other = Files.writeString(cache.resolve("notes.txt"), "keep me");

        CliRun ls = CliRun.of("data", "cache", cache.toString());
        assertEquals(0, ls.rc(), ls.err());
        JsonNode j = Json.MAPPER.readTree(ls.lastLine());
        assertEquals(2, j.get("entries").asInt());
        long bytes = 0;
        try (var s = Files.list(cache)) {
            bytes = s.filter(p -> !p.equals(other)).mapToLong(p -> p.toFile().length()).sum();
        }
        assertEquals(bytes, j.get("bytes").asLong(), "sizes of the two entries, not of other files");
        JsonNode frames = j.get("items").get(0), set = j.get("items").get(1);
        assertEquals("frames", frames.get("kind").asText());
        assertEquals("[4, 2, 34, 34]", frames.get("shape").asText());
        assertTrue(frames.get("description").asText().contains("denoise"), frames.toString());
        assertEquals("dataset", set.get("kind").asText());
        assertEquals("tiny", set.get("name").asText());
        assertEquals(2, set.get("examples").asInt());
        assertEquals("[2, 3]", set.get("shape").asText());

        CliRun clear = CliRun.of("data", "cache", cache.toString(), "--clear");
        assertEquals(0, clear.rc(), clear.err());
        assertEquals(2, Json.MAPPER.readTree(clear.lastLine()).get("cleared").asInt());
        assertTrue(Files.exists(other), "only cache entries are deleted");
        assertEquals(0, Json.MAPPER.readTree(CliRun.of("data", "cache", cache.toString()).lastLine()).get("entries").asInt());
    }

    @Test
    void missingFolderIsOneLineExitTwo(@TempDir Path tmp) {
        CliRun r = CliRun.of("data", "cache", tmp.resolve("nope").toString());
        assertEquals(2, r.rc());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.errorLines().get(0).contains("nope"));
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }
}

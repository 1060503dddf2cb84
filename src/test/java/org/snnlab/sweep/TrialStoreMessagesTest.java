package org.snnlab.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A truncated or garbled done.json / result.json / trial.json: one line naming the file and the byte offset or the field. */
class TrialStoreMessagesTest {
    @TempDir
    Path dir;

    private final Trial trial = new Trial(Map.of("model", "fc"), Map.of("lr", "1e-3"), 3);
    private final TrialResult result = new TrialResult(TrialResult.Status.DONE, 0.5, 0.6, 2, -1, 1.5, Double.NaN, 10, 0.01, "tdp",
            List.of(0.6, 0.5), "");

    private static String oneLine(Path f, IOException e, String... parts) {
        String m = e.getMessage();
        assertTrue(m.startsWith(f + ": "), m);
        assertEquals(1, m.lines().count(), m);
        for (String p : parts) assertTrue(m.contains(p), m);
        return m;
    }

    @Test
    void truncatedDoneJsonNamesTheFileAndTheByte() throws IOException {
        TrialStore store = new TrialStore(dir);
        store.prepare(trial);
        store.markDone(trial, result);
        assertEquals(result, store.done(trial).orElseThrow(), "a valid done.json still reads");
        Path done = store.dir(trial).resolve("done.json");
        byte[] b = Files.readAllBytes(done);
        Files.write(done, Arrays.copyOf(b, 120));
        oneLine(done, assertThrows(IOException.class, () -> store.done(trial)), "not valid JSON at byte 120", "(line ", "end-of-input");
        Files.write(done, new byte[0]);
        oneLine(done, assertThrows(IOException.class, () -> store.done(trial)), "empty file (0 bytes at byte 0)");
        Files.writeString(done, new String(b).replace("\"epochs\" : 2", "\"epochs\" : \"two\""));
        oneLine(done, assertThrows(IOException.class, () -> store.done(trial)), "field 'result.epochs'");
        Files.writeString(done, new String(b).replace("\"status\" : \"DONE\"", "\"status\" : null"));
        oneLine(done, assertThrows(IOException.class, () -> store.done(trial)), "field 'result'", "status must not be null");
        Files.writeString(done, new String(b) + "}");
        oneLine(done, assertThrows(IOException.class, () -> store.done(trial)), "not valid JSON at byte " + b.length);
    }

    @Test
    void resultAndTrialFilesToo() throws IOException {
        TrialStore store = new TrialStore(dir);
        store.prepare(trial);
        Path t = store.dir(trial);
        assertEquals(trial.id(), TrialStore.readTrial(t).id(), "a valid trial.json still reads");
        Files.writeString(t.resolve("trial.json"), "{\"fixed\": {}, \"params\": {}}");
        oneLine(t.resolve("trial.json"), assertThrows(IOException.class, () -> TrialStore.readTrial(t)), "field 'seed' must be an integer");
        Files.writeString(t.resolve("trial.json"), "{\"fixed\": [1], \"seed\": 1}");
        oneLine(t.resolve("trial.json"), assertThrows(IOException.class, () -> TrialStore.readTrial(t)), "field 'fixed' must be an object");
        TrialStore.writeResult(t, result);
        Path r = t.resolve("result.json");
        byte[] b = Files.readAllBytes(r);
        Files.write(r, Arrays.copyOf(b, 40));
        oneLine(r, assertThrows(IOException.class, () -> TrialStore.readResult(t)), "not valid JSON at byte 40");
    }
}

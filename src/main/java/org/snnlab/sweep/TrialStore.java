package org.snnlab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import org.snnlab.util.Json;
import org.snnlab.util.JsonFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The folders of a sweep: {@code <root>/trials/<trial id>/} holds
 * <ul>
 *   <li>{@code trial.json}: the trial (fixed settings, grid point, seed, identity: for a training sweep
 *       the resolved TrainSpec JSON), written before it runs;</li>
 *   <li>{@code run/}: the training run's own files (metrics.csv, provenance.json, checkpoint);</li>
 *   <li>{@code result.json}: what a child process hands back to the executor;</li>
 *   <li>{@code done.json}: written LAST, atomically (temp file + rename), by the executor. Its presence
 *       is the one test of "finished": a re-run skips the trial; without it the trial runs again (and
 *       its training resumes from its last checkpoint).</li>
 * </ul>
 */
public final class TrialStore {
    private final Path root;

    public TrialStore(Path root) {
        this.root = root;
    }

    public Path root() { return root; }

    /** The trial's folder (not created). */
    public Path dir(Trial t) {
        return root.resolve("trials").resolve(t.id());
    }

    /** The folder the trial's training writes into. */
    public Path runDir(Trial t) {
        return dir(t).resolve("run");
    }

    /** Creates the trial's folder and writes {@code trial.json}. */
    public void prepare(Trial t) throws IOException {
        Files.createDirectories(dir(t));
        Json.write(dir(t).resolve("trial.json"), describe(t));
    }

    /** The finished result, or empty when {@code done.json} is absent. */
    public Optional<TrialResult> done(Trial t) throws IOException {
        Path f = dir(t).resolve("done.json");
        if (!Files.isRegularFile(f)) return Optional.empty();
        JsonNode n = JsonFiles.tree(f);
        if (n == null || !n.has("result")) throw new IOException(f + ": no 'result' field; delete the file to rerun the trial");
        return Optional.of(JsonFiles.field(f, n, "result", TrialResult.class));
    }

    /** Marks the trial finished: {@code done.json} = the trial and its result, atomically. */
    public void markDone(Trial t, TrialResult r) throws IOException {
        Map<String, Object> m = describe(t);
        m.put("result", r);
        Json.write(dir(t).resolve("done.json"), m);
    }

    /** Writes the child-to-executor hand-over file {@code result.json} (atomically). */
    public static void writeResult(Path trialDir, TrialResult r) throws IOException {
        Json.write(trialDir.resolve("result.json"), r);
    }

    /** Reads {@code result.json}, or throws naming the file. */
    public static TrialResult readResult(Path trialDir) throws IOException {
        Path f = trialDir.resolve("result.json");
        if (!Files.isRegularFile(f)) throw new IOException(f + ": not written");
        return JsonFiles.read(f, TrialResult.class);
    }

    /** Reads a trial back from its {@code trial.json}. */
    public static Trial readTrial(Path trialDir) throws IOException {
        Path f = trialDir.resolve("trial.json");
        if (!Files.isRegularFile(f)) throw new IOException(f + ": no such trial file");
        return trial(f.toString(), JsonFiles.tree(f));
    }

    /** The trial as one line of JSON, the fields of {@code trial.json} (what a remote task is handed). */
    public static String toJson(Trial t) {
        return Json.compact(describe(t));
    }

    /** The trial of {@link #toJson}. */
    public static Trial fromJson(String json) throws IOException {
        return trial("trial JSON", Json.MAPPER.readTree(json));
    }

    /** The trial in {@code n}; {@code source} (the file) names it in the one-line errors. */
    private static Trial trial(String source, JsonNode n) throws IOException {
        if (n == null || !n.isObject()) throw new IOException(source + ": not a JSON object");
        JsonNode seed = n.get("seed");
        if (seed == null || !seed.isIntegralNumber() || !seed.canConvertToLong())
            throw new IOException(source + ": field 'seed' must be an integer, got " + (seed == null ? "none" : seed.getNodeType()));
        return new Trial(strings(source, n, "fixed"), strings(source, n, "params"), seed.asLong(),
                n.hasNonNull("identity") ? n.get("identity").asText() : null);
    }

    private static Map<String, String> strings(String f, JsonNode parent, String field) throws IOException {
        JsonNode n = parent.get(field);
        Map<String, String> m = new LinkedHashMap<>();
        if (n == null || n.isNull()) return m;
        if (!n.isObject()) throw new IOException(f + ": field '" + field + "' must be an object of names to values, got " + n.getNodeType());
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static Map<String, Object> describe(Trial t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("fixed", t.fixed());
        m.put("params", t.params());
        m.put("seed", t.seed());
        m.put("identity", t.identity());
        return m;
    }
}

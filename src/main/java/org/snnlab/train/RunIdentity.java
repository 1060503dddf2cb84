package org.snnlab.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.snnlab.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a run folder belongs to. A checkpoint carries the fingerprint of the run that wrote it (the
 * sha256 of its provenance record), provenance.json the record itself; a run into a used folder is
 * compared with them, and refused in one line naming the options that differ (field by field, the
 * {@code spec} first), or, for a {@code --no-checkpoint} run, refused unless the user said
 * {@code --overwrite}.
 */
final class RunIdentity {
    static final String CHECKPOINT = "checkpoint.bin", METRICS = "metrics.csv", PROVENANCE = "provenance.json";
    /** provenance.json entries that describe one execution, not the run. */
    private static final Set<String> VOLATILE = Set.of("written_at", "environment", "resumed_from_epoch", "energy_method",
            "grid_g_co2_per_kwh", "finished", "stopped_at_stability", "final_metrics", "run_fingerprint");

    private RunIdentity() { }

    /** Deletes what a previous run left (checkpoint, its temporary file, metrics.csv): the user said --overwrite. */
    static void clear(Path out) throws IOException {
        for (String f : List.of(CHECKPOINT, CHECKPOINT + ".tmp", METRICS, METRICS + ".tmp")) Files.deleteIfExists(out.resolve(f));
    }

    /**
     * A run that does not resume: refused when {@code out} holds another run's results (a
     * {@code --no-checkpoint} run: any checkpoint or metrics.csv; a checkpointing run: a metrics.csv
     * whose provenance names another fingerprint).
     */
    static void checkFresh(Path out, boolean checkpointing, String fingerprint, Map<String, Object> record) {
        boolean ckpt = Files.exists(out.resolve(CHECKPOINT)), csv = Files.exists(out.resolve(METRICS));
        if (!checkpointing && (ckpt || csv))
            throw new IllegalStateException(out + " holds a run (" + (ckpt ? CHECKPOINT + (csv ? " and " : "") : "") + (csv ? METRICS : "")
                    + "); a --no-checkpoint run would replace it: add --overwrite to start afresh there, or use another --out");
        if (checkpointing && csv) {
            JsonNode p = provenance(out);
            String theirs = p == null || !p.hasNonNull("run_fingerprint") ? null : p.get("run_fingerprint").asText();
            if (theirs != null && !theirs.equals(fingerprint))
                throw new IllegalStateException(out + " holds the metrics.csv of a different run (" + differences(out, record)
                        + "); use another --out, or add --overwrite to start afresh there");
        }
    }

    /** The one line refusing to resume {@code checkpoint} (another fingerprint) with the differences from provenance.json. */
    static String mismatch(Path out, Map<String, Object> record) {
        return out.resolve(CHECKPOINT) + " belongs to a different run (" + differences(out, record)
                + "); use another --out, or add --overwrite to start afresh there";
    }

    /** The fields that differ between the folder's provenance.json and {@code record}: the spec's first, else the rest. */
    static String differences(Path out, Map<String, Object> record) {
        JsonNode old = provenance(out);
        if (old == null) return "no readable " + PROVENANCE + " to say how";
        JsonNode now = Json.MAPPER.valueToTree(record);
        Map<String, String> a = new TreeMap<>(), b = new TreeMap<>();
        flatten("", old.path("spec"), a);
        flatten("", now.path("spec"), b);
        List<String> d = diff(a, b);
        if (d.isEmpty()) {
            a.clear();
            b.clear();
            for (Iterator<String> it = old.fieldNames(); it.hasNext(); ) { String k = it.next(); if (!VOLATILE.contains(k) && !k.equals("spec")) flatten(k, old.get(k), a); }
            for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) { String k = it.next(); if (!VOLATILE.contains(k) && !k.equals("spec")) flatten(k, now.get(k), b); }
            d = diff(a, b);
        }
        if (d.isEmpty()) return "the fingerprints differ, " + PROVENANCE + " shows no option that does";
        String s = String.join(", ", d.subList(0, Math.min(6, d.size())));
        return (d.size() > 6 ? s + " and " + (d.size() - 6) + " more" : s);
    }

    private static List<String> diff(Map<String, String> was, Map<String, String> now) {
        Set<String> keys = new java.util.TreeSet<>(was.keySet());
        keys.addAll(now.keySet());
        List<String> d = new ArrayList<>();
        for (String k : keys) {
            String x = was.getOrDefault(k, "(none)"), y = now.getOrDefault(k, "(none)");
            if (!x.equals(y)) d.add(k + " was " + clip(x) + ", now " + clip(y));
        }
        return d;
    }

    private static void flatten(String path, JsonNode n, Map<String, String> into) {
        if (n == null || n.isMissingNode()) return;
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), into);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) flatten(path + "[" + i + "]", n.get(i), into);
            if (n.isEmpty()) into.put(path, "[]");
        } else {
            into.put(path, n.isNumber() ? String.valueOf(n.doubleValue()).replaceAll("\\.0$", "") : n.asText());
        }
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static JsonNode provenance(Path out) {
        try {
            return Json.MAPPER.readTree(out.resolve(PROVENANCE).toFile());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

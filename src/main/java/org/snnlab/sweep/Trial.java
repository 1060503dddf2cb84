package org.snnlab.sweep;

import org.snnlab.util.Json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One training run of a sweep: the settings every trial shares ({@code fixed}), this trial's grid point
 * ({@code params}) and its seed. A serialisable config record: training is a pure function of it (and
 * the data), writing its own folder named by {@link #id()}.
 *
 * <p>The id is the first 16 hex digits of {@code sha256(canonical)}, where canonical is the compact
 * JSON of {@code {"fixed": sorted fixed, "params": sorted params, "seed": seed}} with every value that
 * reads as a decimal number written in one form ({@code 1e-3}, {@code 0.001} and {@code 0.0010} are
 * the same value). So the id does not depend on the order of options or grid parameters, and any
 * change to what the trial computes gives a new folder.
 */
public record Trial(Map<String, String> fixed, Map<String, String> params, long seed) {
    public Trial {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The stable folder name of this trial. */
    public String id() {
        return org.snnlab.util.Hashing.sha256Hex(canonical()).substring(0, 16);
    }

    /** The canonical JSON the id hashes. */
    public String canonical() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fixed", normalized(fixed));
        m.put("params", normalized(params));
        m.put("seed", seed);
        return Json.compact(m);
    }

    private static Map<String, String> normalized(Map<String, String> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, normalize(v)));
        return out;
    }

    /** A decimal number in plain form without trailing zeros; anything else unchanged. */
    static String normalize(String v) {
        if (v == null) return "";
        try {
            BigDecimal d = new BigDecimal(v.trim());
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** The grid point and seed, e.g. {@code policy=step lr=1e-3 seed=1}. */
    public String label() {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append(k).append('=').append(v).append(' '));
        return b.append("seed=").append(seed).toString();
    }

    /** The grid point without the seed, e.g. {@code policy=step,lr=1e-3} (a comparison selector). */
    public String setting() {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.length() == 0 ? "(all)" : b.toString();
    }
}

package org.snnlab.sweep;

import org.snnlab.util.Hashing;
import org.snnlab.util.Json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One training run of a sweep: the settings every trial shares ({@code fixed}), this trial's grid point
 * ({@code params}), its seed, and its {@code identity}: the canonical text of what it computes, whose
 * hash names its folder ({@link #id()}). Training is a pure function of the trial (and the data),
 * writing its own folder.
 *
 * <p>A training sweep sets the identity to the trial's resolved {@code TrainSpec} JSON (seed included),
 * so an option given explicitly at its default value and the same option omitted are the same trial.
 * Without one ({@link #Trial(Map, Map, long)}) the identity is the compact JSON of
 * {@code {"fixed": sorted fixed, "params": sorted params, "seed": seed}} with every value that reads as
 * a decimal number written in one form ({@code 1e-3}, {@code 0.001} and {@code 0.0010} are the same
 * value). Either way the id does not depend on the order of options or grid parameters, and any change
 * to what the trial computes gives a new folder.
 *
 * @param identity the canonical text the id hashes
 */
public record Trial(Map<String, String> fixed, Map<String, String> params, long seed, String identity) {
    public Trial {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        if (identity == null || identity.isBlank()) identity = canonical(fixed, params, seed);
    }

    /** A trial identified by its settings and seed. */
    public Trial(Map<String, String> fixed, Map<String, String> params, long seed) {
        this(fixed, params, seed, null);
    }

    /** This trial identified by {@code canonicalSpec} (what it computes, resolved). */
    public Trial identifiedBy(String canonicalSpec) {
        return new Trial(fixed, params, seed, canonicalSpec);
    }

    /** The stable folder name of this trial: the first 16 hex digits of sha256(identity). */
    public String id() {
        return Hashing.sha256Hex(identity).substring(0, 16);
    }

    /** The canonical text the id hashes (the identity). */
    public String canonical() {
        return identity;
    }

    /** The canonical JSON of settings and seed (the identity of a trial without a spec). */
    static String canonical(Map<String, String> fixed, Map<String, String> params, long seed) {
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

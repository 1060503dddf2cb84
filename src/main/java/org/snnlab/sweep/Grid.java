package org.snnlab.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A full-factorial grid of named parameters, e.g. {@code policy = step, cosine} x {@code lr = 1e-3, 3e-3}
 * (FastSpiker's "policy x LR" and "batch size x threshold" sweeps). Points are enumerated in row-major
 * order: the first parameter varies slowest. Values are strings; their meaning belongs to whoever runs
 * the trials. An empty grid has one point (no parameters).
 */
public record Grid(Map<String, List<String>> params) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    public Grid {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String name = e.getKey();
            if (name == null || !NAME.matcher(name).matches())
                throw new IllegalArgumentException("parameter name must be a letter then letters, digits, '_', '.', '-', got '" + name + "'");
            List<String> v = e.getValue();
            if (v == null || v.isEmpty()) throw new IllegalArgumentException("parameter '" + name + "' has no values");
            for (String s : v)
                if (s == null || s.isBlank()) throw new IllegalArgumentException("parameter '" + name + "' has an empty value");
            if (new LinkedHashSet<>(v).size() != v.size()) throw new IllegalArgumentException("parameter '" + name + "' repeats a value: " + v);
            copy.put(name, List.copyOf(v));
        }
        params = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses {@code name=v1,v2,...} specs (one per parameter, in order); values are trimmed.
     *
     * @throws IllegalArgumentException naming the bad spec: no '=', empty name or value, repeated name
     */
    public static Grid parse(List<String> specs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("parameter spec must be name=v1,v2,..., got '" + spec + "'");
            String name = spec.substring(0, eq).trim();
            if (m.containsKey(name)) throw new IllegalArgumentException("parameter '" + name + "' given twice");
            List<String> values = new ArrayList<>();
            for (String v : spec.substring(eq + 1).split(",", -1)) values.add(v.trim());
            m.put(name, values);
        }
        return new Grid(m);
    }

    /** Number of points: the product of the value counts. */
    public int size() {
        int n = 1;
        for (List<String> v : params.values()) n = Math.multiplyExact(n, v.size());
        return n;
    }

    /** Every point as an ordered name -> value map, the first parameter varying slowest. */
    public List<Map<String, String>> points() {
        List<Map<String, String>> out = new ArrayList<>();
        List<String> names = new ArrayList<>(params.keySet());
        int[] idx = new int[names.size()];
        for (int p = 0; p < size(); p++) {
            Map<String, String> point = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) point.put(names.get(i), params.get(names.get(i)).get(idx[i]));
            out.add(Collections.unmodifiableMap(point));
            for (int i = names.size() - 1; i >= 0; i--) { // odometer: last parameter fastest
                if (++idx[i] < params.get(names.get(i)).size()) break;
                idx[i] = 0;
            }
        }
        return out;
    }

    /** Every point x every seed (seeds fastest), each trial carrying the same {@code fixed} settings. */
    public List<Trial> trials(List<Long> seeds, Map<String, String> fixed) {
        if (seeds.isEmpty()) throw new IllegalArgumentException("need at least one seed");
        if (new LinkedHashSet<>(seeds).size() != seeds.size()) throw new IllegalArgumentException("seeds repeat: " + seeds);
        for (String k : params.keySet())
            if (fixed.containsKey(k)) throw new IllegalArgumentException("'" + k + "' is both fixed and a grid parameter");
        List<Trial> out = new ArrayList<>();
        for (Map<String, String> p : points()) for (long s : seeds) out.add(new Trial(fixed, p, s));
        return out;
    }
}

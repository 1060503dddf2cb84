package org.snnlab.interop;

import java.util.Arrays;

/**
 * Typed access to one node's fields for the importer; every failure is one
 * {@link IllegalArgumentException} line naming the file, the node, its type and the field.
 */
final class NirFields {
    private final String file;
    private final String name;
    private final NirNode node;

    NirFields(String file, String name, NirNode node) {
        this.file = file;
        this.name = name;
        this.node = node;
    }

    String type() { return node.type(); }

    String file() { return file; }

    String name() { return name; }

    NirNode node() { return node; }

    IllegalArgumentException error(String field, String problem) {
        if (problem.length() > 300) problem = problem.substring(0, 300) + "..."; // a garbled shape can hold millions of values
        return new IllegalArgumentException(file + ": node '" + name + "' (" + node.type() + "): field '" + field + "' " + problem);
    }

    boolean has(String field) { return node.fields().containsKey(field); }

    NirArray array(String field) {
        Object v = node.fields().get(field);
        if (v == null) throw error(field, "is missing");
        if (!(v instanceof NirArray a)) throw error(field, "must be numeric, got the string '" + v + "'");
        for (double x : a.values()) if (Double.isNaN(x)) throw error(field, "holds NaN");
        return a;
    }

    /** A field as {@code n} per-neuron values: an array of n values (any shape), or a scalar / 1-element array repeated. */
    double[] perNeuron(String field, int n) {
        NirArray a = array(field);
        if (a.size() == n) return a.values().clone();
        if (a.size() == 1) {
            double[] d = new double[n];
            Arrays.fill(d, a.get(0));
            return d;
        }
        throw error(field, "has shape " + Arrays.toString(a.shape()) + " (" + a.size() + " values), expected " + n + " neurons");
    }

    void requireZero(String field, int n, String why) {
        if (!has(field)) return;
        for (double x : perNeuron(field, n)) if (x != 0) throw error(field, "must be 0, got " + x + " (" + why + ")");
    }

    /** An integer field as exactly {@code count} values (a scalar is repeated, as NIR's int-or-tuple fields). */
    long[] ints(String field, int count) {
        NirArray a = array(field);
        long[] v = a.longs();
        for (int i = 0; i < v.length; i++) if (v[i] != a.get(i)) throw error(field, "must hold integers, got " + a.get(i));
        if (v.length == count) return v;
        if (v.length == 1) {
            long[] r = new long[count];
            Arrays.fill(r, v[0]);
            return r;
        }
        throw error(field, "has " + v.length + " values, expected " + count);
    }

    /** A string field, or null when absent or numeric. */
    String string(String field) {
        return node.fields().get(field) instanceof String s ? s : null;
    }

    /** A metadata string, or null. */
    String meta(String key) {
        Object v = node.metadata().get(key);
        return v instanceof String s ? s : null;
    }

    /** A metadata number, or null. */
    NirArray metaArray(String key) {
        return node.metadata().get(key) instanceof NirArray a ? a : null;
    }

    /** A 0/1 metadata flag (absent = false). */
    boolean flag(String key) {
        NirArray a = metaArray(key);
        return a != null && a.size() == 1 && a.get(0) != 0;
    }
}

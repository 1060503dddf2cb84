package org.snnlab.interop;

import org.snnlab.model.Sequential;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model exchange with the neuromorphic ecosystem through NIR, the Neuromorphic Intermediate
 * Representation (Pedersen et al. 2024, arXiv 2311.14641) that Lava / Loihi, SpiNNaker2, Xylo,
 * snnTorch, Norse and SpikingJelly read and write:
 * <pre>
 *   Nir.export(net, new long[]{1, 28, 28}, Path.of("net.nir"));           // write
 *   NirImport.Imported m = Nir.load(Path.of("net.nir"));                  // m.net() trains and evaluates
 *   Map&lt;String, Object&gt; info = Nir.inspect(Path.of("net.nir"));          // nodes, shapes, edges, metadata
 * </pre>
 * Conventions (time step, tau / r / thresholds from beta and theta, reset) in {@link NirConventions};
 * which layers map to which nodes in {@link NirExport} and {@link NirImport}.
 */
public final class Nir {
    private Nir() { }

    /** Writes {@code net} (per-step input shape {@code inputShape}) to {@code file} at dt = 1e-4. */
    public static NirGraph export(Sequential net, long[] inputShape, Path file) {
        return export(net, inputShape, file, NirExport.Options.defaults());
    }

    /** Writes {@code net} to {@code file} with the given options; returns the graph written. */
    public static NirGraph export(Sequential net, long[] inputShape, Path file, NirExport.Options o) {
        NirGraph g = NirExport.graph(net, inputShape, o);
        NirFile.write(g, file);
        return g;
    }

    /** Reads {@code file} into a network (dt from the file's metadata, else 1e-4). */
    public static NirImport.Imported load(Path file) {
        return load(file, NirImport.Options.defaults());
    }

    public static NirImport.Imported load(Path file, NirImport.Options o) {
        return NirImport.network(NirFile.read(file).graph(), file.toString(), o);
    }

    /** The file as one JSON-ready map: version, nodes (name, type, field shapes or values), edges, metadata. */
    public static Map<String, Object> inspect(Path file) {
        NirFile.Contents c = NirFile.read(file);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("version", c.version());
        m.putAll(describe(c.graph()));
        return m;
    }

    /** nodes, edges and metadata of a graph (nested graphs inline). */
    public static Map<String, Object> describe(NirGraph g) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (var e : ordered(g).entrySet()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", e.getKey());
            n.put("type", e.getValue().type());
            if (e.getValue().graph() != null) {
                n.putAll(describe(e.getValue().graph()));
            } else {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (var f : e.getValue().fields().entrySet()) fields.put(f.getKey(), shown(f.getValue()));
                n.put("fields", fields);
                if (!e.getValue().metadata().isEmpty()) n.put("metadata", shownAll(e.getValue().metadata()));
            }
            nodes.add(n);
        }
        m.put("nodes", nodes);
        m.put("edges", g.edges().stream().map(e -> List.of(e.from(), e.to())).toList());
        m.put("metadata", shownAll(g.metadata()));
        return m;
    }

    /** The nodes from the Input nodes along the edges (breadth first), then any others: HDF5 keeps no order. */
    static Map<String, NirNode> ordered(NirGraph g) {
        Map<String, NirNode> out = new LinkedHashMap<>();
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
        g.nodes().forEach((k, v) -> { if (v.type().equals("Input")) queue.add(k); });
        while (!queue.isEmpty()) {
            String k = queue.poll();
            if (out.containsKey(k) || !g.nodes().containsKey(k)) continue;
            out.put(k, g.nodes().get(k));
            for (NirGraph.Edge e : g.edges()) if (e.from().equals(k)) queue.add(e.to());
        }
        g.nodes().forEach(out::putIfAbsent);
        return out;
    }

    private static Map<String, Object> shownAll(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : values.entrySet()) out.put(e.getKey(), shown(e.getValue()));
        return out;
    }

    /** Strings and small integer vectors / scalars by value; other arrays by shape ("float32[500, 2312]"). */
    private static Object shown(Object v) {
        if (!(v instanceof NirArray a)) return v;
        if (a.isScalar()) return a.kind() == NirArray.Kind.INT64 ? (Object) (long) a.get(0) : a.get(0);
        if (a.kind() == NirArray.Kind.INT64 && a.size() <= 4) return a.longs();
        return a.kind().name().toLowerCase(java.util.Locale.ROOT) + Arrays.toString(a.shape());
    }
}

package org.snnlab.interop;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes NIR's HDF5 layout (neuromorphs/NIR {@code nir/serialization.py}) with io.jhdf:
 * <pre>
 *   /version                 scalar string
 *   /node/type               "NIRGraph"
 *   /node/edges              string dataset (E, 2): [source, target]
 *   /node/metadata/...       free-form datasets
 *   /node/nodes/NAME/type    the node type; one dataset per parameter; NIRGraph nodes nest this layout
 * </pre>
 * Arrays are written gzip-compressed in one chunk each, as the reference writer compresses every
 * array; scalars are scalar datasets; strings fixed-length UTF-8 (the reference reader compares
 * {@code type} against bytes, which either string kind satisfies). Reading accepts fixed- and
 * variable-length strings and any filter jhdf decodes, and skips the {@code input_type} /
 * {@code output_type} groups that nir 1.0.x writes beside a node's parameters. A file that is not
 * HDF5, or lacks {@code /version}, {@code /node}, a {@code type} or {@code edges}, fails with one
 * {@link IllegalArgumentException} naming the file and the path inside it.
 */
public final class NirFile {
    /** The NIR release whose layout this writes. */
    public static final String FORMAT_VERSION = "1.0.7";

    private NirFile() { }

    /** A file's version string and root graph. */
    public record Contents(String version, NirGraph graph) { }

    /** Writes {@code graph} to {@code file} (replacing it). */
    public static void write(NirGraph graph, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putDataset("version", FORMAT_VERSION);
            writeGraph(f.putGroup("node"), graph);
        }
    }

    private static void writeGraph(WritableGroup g, NirGraph graph) {
        g.putDataset("type", "NIRGraph");
        String[][] edges = new String[graph.edges().size()][];
        for (int i = 0; i < edges.length; i++) edges[i] = new String[]{graph.edges().get(i).from(), graph.edges().get(i).to()};
        g.putDataset("edges", edges);
        writeMetadata(g, graph.metadata());
        WritableGroup nodes = g.putGroup("nodes");
        for (var e : graph.nodes().entrySet()) {
            WritableGroup n = nodes.putGroup(e.getKey());
            NirNode node = e.getValue();
            if (node.graph() != null) {
                writeGraph(n, node.graph());
                continue;
            }
            n.putDataset("type", node.type());
            for (var f : node.fields().entrySet()) put(n, f.getKey(), f.getValue());
            writeMetadata(n, node.metadata());
        }
    }

    private static void writeMetadata(WritableGroup g, Map<String, Object> metadata) {
        if (metadata.isEmpty()) return; // the reference writer skips an empty metadata group
        WritableGroup m = g.putGroup("metadata");
        for (var e : metadata.entrySet()) put(m, e.getKey(), e.getValue());
    }

    private static void put(WritableGroup g, String name, Object v) {
        if (v instanceof String s) {
            g.putDataset(name, s);
        } else if (v instanceof NirArray a) {
            if (a.isScalar()) {
                g.putDataset(name, switch (a.kind()) {
                    case FLOAT32 -> (Object) (float) a.get(0);
                    case FLOAT64 -> a.get(0);
                    case INT64 -> (long) a.get(0);
                });
            } else if (a.size() == 0) {
                throw new IllegalArgumentException("dataset " + name + ": empty arrays are not written");
            } else {
                int[] chunk = new int[a.shape().length];
                for (int i = 0; i < chunk.length; i++) chunk[i] = Math.toIntExact(a.shape()[i]);
                g.putDataset(name, nested(a), DatasetCreationOptions.builder().chunkDimensions(chunk).deflate(4).build());
            }
        } else {
            throw new IllegalArgumentException("dataset " + name + ": cannot write a " + (v == null ? "null" : v.getClass().getSimpleName()));
        }
    }

    /** The flat row-major values as a nested Java array of the array's rank and element type. */
    private static Object nested(NirArray a) {
        long[] s = a.shape();
        int[] dims = new int[s.length];
        for (int i = 0; i < s.length; i++) dims[i] = Math.toIntExact(s[i]);
        Class<?> el = switch (a.kind()) { case FLOAT32 -> float.class; case FLOAT64 -> double.class; case INT64 -> long.class; };
        Object out = Array.newInstance(el, dims);
        fill(out, a, dims, 0, new int[]{0});
        return out;
    }

    private static void fill(Object arr, NirArray a, int[] dims, int depth, int[] pos) {
        int n = dims[depth];
        if (depth == dims.length - 1) {
            for (int i = 0; i < n; i++) {
                double v = a.get(pos[0]++);
                switch (a.kind()) {
                    case FLOAT32 -> Array.setFloat(arr, i, (float) v);
                    case FLOAT64 -> Array.setDouble(arr, i, v);
                    case INT64 -> Array.setLong(arr, i, (long) v);
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) fill(Array.get(arr, i), a, dims, depth + 1, pos);
    }

    /** Reads {@code file}; every problem is one line naming the file and the dataset. */
    public static Contents read(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such NIR file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.io.IOException | OutOfMemoryError e) {
            throw new IllegalArgumentException(file + ": cannot read (" + oneLine(e) + ")", e);
        }
        // jHDF over the bytes in memory: over a file channel a garbled length makes it allocate that many
        // bytes and re-read one address until they are full (seconds to minutes); in memory it fails at once
        try (HdfFile f = HdfFile.fromBytes(bytes)) {
            Node v = f.getChild("version");
            if (!(v instanceof Dataset vd) || vd.getJavaType() != String.class)
                throw new IllegalArgumentException(file + ": no /version string (not a NIR file)");
            Node root = f.getChild("node");
            if (!(root instanceof Group rg)) throw new IllegalArgumentException(file + ": no /node group (not a NIR file)");
            return new Contents(String.valueOf(vd.getData()).trim(), readGraph(file, rg, "/node"));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file + ": ")) throw e; // ours: names the file and the dataset
            throw unreadable(file, e);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) { // jHDF on garbled structures, e.g. a huge length
            throw unreadable(file, e);
        }
    }

    private static IllegalArgumentException unreadable(Path file, Throwable e) {
        return new IllegalArgumentException(file + ": not a readable HDF5/NIR file (" + oneLine(e) + ")", e);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("[\\r\\n]+", " ");
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    /** Refuses a dataset claiming more elements than the file could hold even deflated (about 1:1032). */
    private static void checkSize(Path file, Dataset d, String at) {
        long size = file.toFile().length(), n = d.getSize(); // the file as read: HdfFile holds its bytes
        if (n < 0 || n > 1100 * Math.max(size, 1024))
            throw new IllegalArgumentException(file + ": " + at + " claims " + n + " elements, more than a " + size + "-byte file holds");
    }

    private static NirGraph readGraph(Path file, Group g, String where) {
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        Node ns = g.getChild("nodes");
        if (!(ns instanceof Group nsg)) throw new IllegalArgumentException(file + ": " + where + " has no nodes group");
        for (Node child : nsg) {
            String at = where + "/nodes/" + child.getName();
            if (!(child instanceof Group cg)) throw new IllegalArgumentException(file + ": " + at + " is not a group");
            String type = typeOf(file, cg, at);
            if (type.equals("NIRGraph")) nodes.put(child.getName(), NirNode.graph(readGraph(file, cg, at)));
            else nodes.put(child.getName(), readNode(file, cg, at, type));
        }
        return new NirGraph(nodes, readEdges(file, g, where), readMetadata(file, g, where));
    }

    private static String typeOf(Path file, Group g, String at) {
        Node t = g.getChild("type");
        if (!(t instanceof Dataset td) || td.getJavaType() != String.class || !td.isScalar())
            throw new IllegalArgumentException(file + ": " + at + " has no type string");
        return String.valueOf(td.getData()).trim();
    }

    private static List<NirGraph.Edge> readEdges(Path file, Group g, String where) {
        Node e = g.getChild("edges");
        if (!(e instanceof Dataset ed)) throw new IllegalArgumentException(file + ": " + where + " has no edges dataset");
        List<NirGraph.Edge> out = new ArrayList<>();
        if (ed.isEmpty() || ed.getSize() == 0) return out;
        int[] d = ed.getDimensions();
        if (ed.getJavaType() != String.class || d.length != 2 || d[1] != 2)
            throw new IllegalArgumentException(file + ": " + where + "/edges must be strings of shape (E, 2), got "
                    + ed.getJavaType().getSimpleName() + java.util.Arrays.toString(d));
        checkSize(file, ed, where + "/edges");
        String[] flat = (String[]) ed.getDataFlat();
        for (int i = 0; i < d[0]; i++) out.add(new NirGraph.Edge(flat[2 * i].trim(), flat[2 * i + 1].trim()));
        return out;
    }

    private static NirNode readNode(Path file, Group g, String at, String type) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Node c : g) {
            String name = c.getName();
            if (name.equals("type")) continue;
            if (c instanceof Dataset d) fields.put(name, value(file, d, at + "/" + name));
            // groups: metadata (read below) and nir 1.0.x's input_type / output_type, which restate the shapes
        }
        return NirNode.of(type, fields, readMetadata(file, g, at));
    }

    private static Map<String, Object> readMetadata(Path file, Group g, String at) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (g.getChild("metadata") instanceof Group mg)
            for (Node c : mg) if (c instanceof Dataset d) m.put(c.getName(), value(file, d, at + "/metadata/" + c.getName()));
        return m;
    }

    /** A dataset as a {@link String} (scalar string) or a {@link NirArray}. */
    static Object value(Path file, Dataset d, String at) {
        checkSize(file, d, at);
        Class<?> t = d.getJavaType();
        if (t == String.class) {
            if (!d.isScalar()) {
                String[] flat = (String[]) d.getDataFlat();
                if (flat.length == 1) return flat[0];
                throw new IllegalArgumentException(file + ": " + at + ": string arrays are not NIR parameters");
            }
            return String.valueOf(d.getData());
        }
        if (d.isEmpty()) throw new IllegalArgumentException(file + ": " + at + " is empty");
        NirArray.Kind kind = t == float.class || t == Float.class ? NirArray.Kind.FLOAT32
                : t == double.class || t == Double.class ? NirArray.Kind.FLOAT64
                : t == long.class || t == int.class || t == short.class || t == byte.class || t == Long.class || t == Integer.class
                  || t == Short.class || t == Byte.class ? NirArray.Kind.INT64 : null;
        if (kind == null) throw new IllegalArgumentException(file + ": " + at + ": unsupported element type " + t.getSimpleName());
        if (d.isScalar()) {
            Object v = d.getData();
            if (!(v instanceof Number n)) throw new IllegalArgumentException(file + ": " + at + ": not a number");
            return new NirArray(new long[0], new double[]{n.doubleValue()}, kind);
        }
        long[] shape = d.getDimensionsAsLong();
        Object flat = d.getDataFlat();
        int n = Array.getLength(flat);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = ((Number) Array.get(flat, i)).doubleValue();
        return new NirArray(shape, v, kind);
    }
}

package org.snnlab.interop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node of a NIR graph: its stored type string ("LIF", "Affine", "NIRGraph", ...), its parameter
 * datasets, its {@code metadata/} group (what NIR cannot say; readers must not depend on it), and, for
 * a {@code NIRGraph} node, the nested graph.
 *
 * @param type     the NIR type string
 * @param fields   parameter datasets by name: a {@link NirArray} or a {@link String}
 * @param metadata free-form metadata datasets by name ({@link NirArray}, {@link String})
 * @param graph    the nested graph of a {@code NIRGraph} node, else null
 */
public record NirNode(String type, Map<String, Object> fields, Map<String, Object> metadata, NirGraph graph) {
    public NirNode {
        if (type == null || type.isBlank()) throw new IllegalArgumentException("node type must not be blank");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        if ("NIRGraph".equals(type) != (graph != null))
            throw new IllegalArgumentException("a NIRGraph node, and only one, holds a nested graph (type " + type + ")");
    }

    /** A leaf node. */
    public static NirNode of(String type, Map<String, Object> fields, Map<String, Object> metadata) {
        return new NirNode(type, fields, metadata, null);
    }

    /** A nested graph node. */
    public static NirNode graph(NirGraph g) {
        return new NirNode("NIRGraph", Map.of(), Map.of(), g);
    }
}

package org.snnlab.interop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph (the {@code /node} group of a file, or a nested {@code NIRGraph} node): named nodes,
 * identity edges from one node's output to another's input, and graph metadata.
 *
 * @param nodes    nodes by name, in file order
 * @param edges    {@code [source, target]} pairs
 * @param metadata free-form metadata datasets ({@link NirArray}, {@link String})
 */
public record NirGraph(Map<String, NirNode> nodes, List<Edge> edges, Map<String, Object> metadata) {

    /** One edge: {@code from}'s output feeds {@code to}'s input. */
    public record Edge(String from, String to) {
        public Edge {
            if (from == null || to == null) throw new IllegalArgumentException("edge ends must not be null");
        }
    }

    public NirGraph {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = List.copyOf(edges);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}

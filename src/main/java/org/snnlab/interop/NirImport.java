package org.snnlab.interop;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.layer.SumPool2d;
import org.snnlab.core.Layer;
import org.snnlab.layer.AvgPool2d;
import org.snnlab.layer.Flatten;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.RecurrentLif;
import org.snnlab.neuron.ResetMode;
import org.snnlab.neuron.Surrogate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A NIR graph as a {@link Sequential} that trains and evaluates: the graph must be a chain
 * {@code Input -> ... -> Output} (each node one input and one output edge); a cycle is accepted only
 * inside a nested NIRGraph of the RLeaky form {@code {Input, LIF/IF, Affine/Linear w_rec, Output}},
 * which becomes a {@link RecurrentLif}. Nodes: Affine / Linear (Dense), Conv2d, AvgPool2d, SumPool2d,
 * Flatten, LIF, IF, LI, I, CubaLIF (by {@link NirConventions}). Unknown node types, missing fields,
 * wrong shapes and other graphs fail with one {@link IllegalArgumentException} line naming the file,
 * the node and the field.
 */
public final class NirImport {
    private NirImport() { }

    /**
     * @param dt        the time step to integrate at; null = the file's {@code metadata/dt}, else 1e-4
     * @param reset     the reset for every spiking node; null = each node's {@code metadata/reset}, else
     *                  NIR's reset to v_reset = 0 ({@link ResetMode#ZERO})
     * @param surrogate the surrogate gradient; null = each node's {@code metadata/surrogate}, else fast sigmoid k = 25
     * @param dtype     FLOAT to train, DOUBLE for checks
     */
    public record Options(Double dt, ResetMode reset, Surrogate surrogate, DataType dtype) {
        public Options {
            if (dt != null) NirConventions.checkDt(dt);
            if (dtype == null) dtype = DataType.FLOAT;
        }

        public static Options defaults() { return new Options(null, null, null, DataType.FLOAT); }

        public Options withDt(double d) { return new Options(d, reset, surrogate, dtype); }

        public Options withReset(ResetMode r) { return new Options(dt, r, surrogate, dtype); }

        public Options withSurrogate(Surrogate s) { return new Options(dt, reset, s, dtype); }
    }

    /** The network, the per-step input shape the Input node declares, and the dt it was read at. */
    public record Imported(Sequential net, long[] inputShape, double dt) { }

    /** Builds the network of {@code g}; {@code file} names the source in errors. */
    public static Imported network(NirGraph g, String file, Options o) {
        double dt = o.dt() != null ? o.dt() : fileDt(g, file);
        List<String> chain = chain(g, file);
        NirFields in = new NirFields(file, chain.get(0), g.nodes().get(chain.get(0)));
        long[] shape = in.ints("shape", in.array("shape").size());
        long[] inputShape = shape.clone();
        List<Layer> layers = new ArrayList<>();
        for (String name : chain.subList(1, chain.size() - 1)) {
            NirFields f = new NirFields(file, name, g.nodes().get(name));
            Layer l = layer(f, shape, dt, o);
            if (l == null) continue; // a Flatten of an already flat input
            shape = l.outputShape(shape);
            layers.add(l);
        }
        NirFields out = new NirFields(file, chain.get(chain.size() - 1), g.nodes().get(chain.get(chain.size() - 1)));
        long[] declared = out.ints("shape", out.array("shape").size());
        if (prod(declared) != prod(shape))
            throw out.error("shape", "is " + Arrays.toString(declared) + " but the network before it gives " + Arrays.toString(shape));
        if (layers.isEmpty()) throw new IllegalArgumentException(file + ": the graph has no layers between its Input and Output");
        return new Imported(new Sequential(layers), inputShape, dt);
    }

    private static double fileDt(NirGraph g, String file) {
        if (!(g.metadata().get("dt") instanceof NirArray a)) return NirConventions.DEFAULT_DT;
        if (a.size() != 1 || !(a.get(0) > 0)) throw new IllegalArgumentException(file + ": metadata/dt must be one number > 0");
        return a.get(0);
    }

    /** Node names from the Input to the Output along the edges. */
    private static List<String> chain(NirGraph g, String file) {
        List<String> inputs = g.nodes().entrySet().stream().filter(e -> e.getValue().type().equals("Input")).map(Map.Entry::getKey).toList();
        if (inputs.size() != 1) throw new IllegalArgumentException(file + ": unsupported graph: " + inputs.size() + " Input nodes (exactly 1 needed)");
        for (NirGraph.Edge e : g.edges())
            for (String end : new String[]{e.from(), e.to()})
                if (!g.nodes().containsKey(end)) throw new IllegalArgumentException(file + ": edge " + e.from() + " -> " + e.to() + " names no node '" + end + "'");
        List<String> chain = new ArrayList<>(List.of(inputs.get(0)));
        Set<String> seen = new HashSet<>(chain);
        String at = inputs.get(0);
        while (!g.nodes().get(at).type().equals("Output")) {
            String from = at;
            List<String> next = g.edges().stream().filter(e -> e.from().equals(from)).map(NirGraph.Edge::to).toList();
            if (next.size() != 1) throw new IllegalArgumentException(file + ": unsupported graph: node '" + at + "' has " + next.size()
                    + " outgoing edges (only chains are supported; recurrence only inside a nested NIRGraph)");
            at = next.get(0);
            long incoming = g.edges().stream().filter(e -> e.to().equals(next.get(0))).count();
            if (incoming != 1 || !seen.add(at))
                throw new IllegalArgumentException(file + ": unsupported graph: node '" + at + "' has " + incoming
                        + " incoming edges or closes a cycle (only chains are supported; recurrence only inside a nested NIRGraph)");
            chain.add(at);
        }
        if (chain.size() != g.nodes().size()) {
            List<String> off = g.nodes().keySet().stream().filter(n -> !seen.contains(n)).toList();
            throw new IllegalArgumentException(file + ": unsupported graph: nodes " + off + " are not on the path from Input to Output");
        }
        return chain;
    }

    private static Layer layer(NirFields f, long[] shape, double dt, Options o) {
        int n = Math.toIntExact(prod(shape));
        return switch (f.type()) {
            case "Affine", "Linear" -> NirSynapses.dense(f, n, o.dtype());
            case "Conv2d" -> NirSynapses.conv(f, shape, o.dtype());
            case "AvgPool2d", "SumPool2d" -> pool(f, shape);
            case "Flatten" -> flatten(f, shape);
            case "LIF", "IF", "LI", "I" -> NirNeurons.read(f, n, dt, o.reset(), o.surrogate()).lif(o.dtype());
            case "CubaLIF" -> NirNeurons.read(f, n, dt, o.reset(), o.surrogate()).cubaLif(o.dtype());
            case "NIRGraph" -> recurrent(f, n, dt, o);
            case "Input", "Output" -> throw f.error("type", "appears inside the chain (one Input first, one Output last)");
            default -> throw f.error("type", "'" + f.type() + "' is not supported (Affine, Linear, Conv2d, AvgPool2d, SumPool2d, "
                    + "Flatten, LIF, IF, LI, I, CubaLIF, nested NIRGraph of a recurrent LIF)");
        };
    }

    private static Layer pool(NirFields f, long[] shape) {
        long[] k = f.ints("kernel_size", 2), s = f.ints("stride", 2), p = f.has("padding") ? f.ints("padding", 2) : new long[2];
        if (k[0] != k[1]) throw f.error("kernel_size", "is " + Arrays.toString(k) + "; only square kernels are supported");
        if (s[0] != k[0] || s[1] != k[1]) throw f.error("stride", "is " + Arrays.toString(s) + "; snnlab pools with stride = kernel_size");
        if (p[0] != 0 || p[1] != 0) throw f.error("padding", "is " + Arrays.toString(p) + "; only 0 is supported");
        if (shape.length != 3) throw f.error("kernel_size", "pools a (C, H, W) input, got " + Arrays.toString(shape));
        if (shape[1] % k[0] != 0 || shape[2] % k[0] != 0)
            throw f.error("kernel_size", k[0] + " does not divide the input " + shape[1] + "x" + shape[2]);
        return f.type().equals("SumPool2d") ? new SumPool2d((int) k[0]) : new AvgPool2d((int) k[0]);
    }

    private static Layer flatten(NirFields f, long[] shape) {
        long start = f.has("start_dim") ? f.ints("start_dim", 1)[0] : 0, end = f.has("end_dim") ? f.ints("end_dim", 1)[0] : -1;
        // NIR counts dims of the per-example shape (start 0); torch exporters write start_dim 1 (counting the batch)
        if (start != 0 && start != 1) throw f.error("start_dim", "is " + start + "; only flattening every feature (0, or torch's 1) is supported");
        if (end != -1 && end != shape.length - 1 && end != shape.length)
            throw f.error("end_dim", "is " + end + "; only flattening every feature (-1) is supported");
        return shape.length == 1 ? null : new Flatten();
    }

    /** The RLeaky layout {input -> lif -> output, lif -> w_rec -> lif} as a RecurrentLif. */
    private static Layer recurrent(NirFields f, int n, double dt, Options o) {
        NirGraph g = f.node().graph();
        String where = f.name();
        String neuron = null, rec = null;
        for (var e : g.nodes().entrySet())
            switch (e.getValue().type()) {
                case "LIF", "IF" -> {
                    if (neuron != null) throw f.error("nodes", "holds two neuron nodes; a recurrent LIF has one");
                    neuron = e.getKey();
                }
                case "Affine", "Linear" -> {
                    if (rec != null) throw f.error("nodes", "holds two weight nodes; a recurrent LIF has one");
                    rec = e.getKey();
                }
                case "Input", "Output" -> { }
                default -> throw f.error("nodes", "holds a " + e.getValue().type() + " node; only {Input, LIF or IF, Affine or Linear, Output} form a recurrent LIF");
            }
        if (neuron == null || rec == null) throw f.error("nodes", "needs one LIF/IF node and one Affine/Linear node (a recurrent LIF)");
        String input = only(g, "Input", f), output = only(g, "Output", f);
        Set<NirGraph.Edge> want = Set.of(new NirGraph.Edge(input, neuron), new NirGraph.Edge(neuron, rec),
                new NirGraph.Edge(rec, neuron), new NirGraph.Edge(neuron, output));
        if (g.edges().size() != 4 || !new HashSet<>(g.edges()).equals(want))
            throw f.error("edges", "must be exactly " + input + " -> " + neuron + " -> " + output + " and the cycle " + neuron + " -> " + rec + " -> " + neuron);
        String file = f.file();
        NirNeurons.Neuron nn = NirNeurons.read(new NirFields(file, where + "/" + neuron, g.nodes().get(neuron)), n, dt, o.reset(), o.surrogate());
        NirFields w = new NirFields(file, where + "/" + rec, g.nodes().get(rec));
        NirArray wa = w.array("weight");
        if (!Arrays.equals(wa.shape(), new long[]{n, n})) throw w.error("weight", "has shape " + Arrays.toString(wa.shape()) + ", expected (" + n + ", " + n + ")");
        boolean bias = w.type().equals("Affine");
        LifConfig c = nn.config();
        RecurrentLif r = new RecurrentLif(n, c, bias, o.dtype(), new SplittableRandom(0));
        r.beta().assign(Nd4j.createFromArray(nn.beta()).castTo(o.dtype()));
        r.threshold().assign(Nd4j.createFromArray(nn.theta()).castTo(o.dtype()));
        r.recurrent().value().assign(Nd4j.createFromArray(wa.values()).castTo(o.dtype()).reshape('c', n, n).transpose());
        if (bias) {
            NirArray b = w.array("bias");
            if (b.size() != n) throw w.error("bias", "has shape " + Arrays.toString(b.shape()) + ", expected (" + n + ")");
            r.bias().value().assign(Nd4j.createFromArray(b.values()).castTo(o.dtype()).reshape(1, n));
        }
        return r;
    }

    private static String only(NirGraph g, String type, NirFields f) {
        List<String> names = g.nodes().entrySet().stream().filter(e -> e.getValue().type().equals(type)).map(Map.Entry::getKey).toList();
        if (names.size() != 1) throw f.error("nodes", "holds " + names.size() + " " + type + " nodes; a recurrent LIF has 1");
        return names.get(0);
    }

    static long prod(long[] s) {
        long p = 1;
        for (long d : s) p *= d;
        return p;
    }
}

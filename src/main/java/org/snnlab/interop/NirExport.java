package org.snnlab.interop;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.layer.SumPool2d;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.layer.AvgPool2d;
import org.snnlab.layer.BatchNorm;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.layer.Dropout;
import org.snnlab.layer.Flatten;
import org.snnlab.layer.WeightQuantizer;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.CubaLif;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.RecurrentLif;
import org.snnlab.train.Provenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Sequential} network as a NIR graph: {@code input -> layer nodes -> output}, one node per
 * layer named as the layer ({@code 1_Dense}, ...). Dense is {@code Affine} (with bias) or
 * {@code Linear}, weight transposed to NIR's (out, in); Conv2d is {@code Conv2d} with weight
 * {@code [kH,kW,Cin,Cout] -> (Cout,Cin,kH,kW)}; AvgPool2d / SumPool2d, Flatten (start_dim 0, end_dim -1
 * over the per-example shape) keep their names; neurons map by {@link NirConventions}; a RecurrentLif is
 * a nested {@code NIRGraph {input, lif, w_rec, output}} with the cycle {@code lif <-> w_rec}
 * (snnTorch's RLeaky layout; w_rec's weight is V^T). Quantization-aware weights are exported as the
 * values the network computes with ({@code s round(w/s)}) and their node's {@code metadata/} holds
 * {@code quant_bits}, {@code weight_levels} (integers) and {@code weight_scale} (per output channel), so
 * that {@code weight = weight_levels * weight_scale}.
 *
 * <p>BatchNorm (inference statistics) is folded into the nearest Conv2d / Dense before it, through
 * average pools and dropout in between (both commute with a per-channel affine map):
 * {@code m = gamma / sqrt(var + eps)}, {@code W'[o] = m[o] W[o]}, {@code b'[o] = m[o] (b[o] - mu[o]) + beta[o]}.
 * Dropout (identity at inference) is dropped. Any other layer (MaxPool2d: NIR has no max pooling) is
 * refused with one line naming it.
 */
public final class NirExport {
    private NirExport() { }

    /**
     * @param dt       the time step the ODE parameters are written for ({@link NirConventions#DEFAULT_DT})
     * @param metadata extra graph metadata (e.g. {@code train_spec}: the run's TrainSpec JSON)
     */
    public record Options(double dt, Map<String, Object> metadata) {
        public Options {
            NirConventions.checkDt(dt);
            metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        public static Options defaults() { return new Options(NirConventions.DEFAULT_DT, Map.of()); }

        public Options withDt(double d) { return new Options(d, metadata); }

        public Options withMetadata(String key, Object value) {
            Map<String, Object> m = new LinkedHashMap<>(metadata);
            m.put(key, value);
            return new Options(dt, m);
        }
    }

    /** The graph of {@code net} for examples of per-step shape {@code inputShape} (e.g. {@code [1, 28, 28]}). */
    public static NirGraph graph(Sequential net, long[] inputShape, Options o) {
        List<Layer> layers = net.layers();
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        List<NirGraph.Edge> edges = new ArrayList<>();
        nodes.put("input", io("Input", inputShape));
        String prev = "input";
        long[] shape = inputShape.clone();
        Set<Integer> folded = new LinkedHashSet<>();
        Set<String> resets = new LinkedHashSet<>(), surrogates = new LinkedHashSet<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String name = net.names().get(i);
            long[] in = shape;
            shape = l.outputShape(in);
            if (l instanceof Dropout || folded.contains(i)) continue;
            int bn = batchNormAfter(layers, i);
            if (bn >= 0) folded.add(bn);
            NirNode node = node(l, name, in, o.dt(), bn < 0 ? null : (BatchNorm) layers.get(bn), bn < 0 ? null : net.names().get(bn));
            if (node.metadata().get("reset") instanceof String r) resets.add(r);
            if (node.metadata().get("surrogate") instanceof String s) surrogates.add(s);
            nodes.put(name, node);
            edges.add(new NirGraph.Edge(prev, name));
            prev = name;
        }
        nodes.put("output", io("Output", shape));
        edges.add(new NirGraph.Edge(prev, "output"));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("dt", NirArray.scalar(o.dt()));
        meta.put("time_step", "forward Euler at dt: beta = 1 - dt/tau, alpha = 1 - dt/tau_syn, r = tau/dt, w_in = tau_syn/dt, IF r = 1/dt");
        meta.put("spike_rule", "s[t] = [v[t] > v_threshold]");
        meta.put("reset", resets.isEmpty() ? "none" : String.join(",", resets));
        meta.put("reset_rule", "after a spike at t-1: subtract: v[t] = beta v[t-1] + I[t] - theta; zero: v[t] = I[t]");
        if (!surrogates.isEmpty()) meta.put("surrogate", String.join(",", surrogates));
        meta.put("snnlab_version", Provenance.VERSION);
        meta.put("producer", "snnlab");
        meta.putAll(o.metadata());
        return new NirGraph(nodes, edges, meta);
    }

    private static NirNode io(String type, long[] shape) {
        return NirNode.of(type, Map.of("shape", NirArray.ints(shape)), Map.of());
    }

    /** The index of a BatchNorm that folds into layer i (a Conv2d / Dense), reached over AvgPool2d / Dropout only; else -1. */
    private static int batchNormAfter(List<Layer> layers, int i) {
        if (!(layers.get(i) instanceof Conv2d || layers.get(i) instanceof Dense)) return -1;
        for (int j = i + 1; j < layers.size(); j++) {
            Layer l = layers.get(j);
            if (l instanceof BatchNorm) return j;
            if (!(l instanceof AvgPool2d || l instanceof Dropout)) return -1;
        }
        return -1;
    }

    private static NirNode node(Layer l, String name, long[] in, double dt, BatchNorm bn, String bnName) {
        if (l instanceof Dense d) return NirSynapses.dense(d, bn, bnName);
        if (l instanceof Conv2d c) return NirSynapses.conv(c, in, bn, bnName);
        if (l instanceof AvgPool2d || l instanceof SumPool2d) {
            long k = ((Number) l.spec().get("kernel")).longValue();
            return NirNode.of(l.type(), Map.of("kernel_size", NirArray.ints(k, k), "stride", NirArray.ints(k, k),
                    "padding", NirArray.ints(0, 0)), Map.of());
        }
        if (l instanceof Flatten) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("start_dim", NirArray.scalar(0L));
            f.put("end_dim", NirArray.scalar(-1L));
            f.put("input_type", NirArray.ints(in));
            return NirNode.of("Flatten", f, Map.of());
        }
        if (l instanceof Lif lif) return NirNeurons.lif(lif.config(), lif.beta(), lif.threshold(), in, dt, "layer " + name);
        if (l instanceof CubaLif c) return NirNeurons.cubaLif(c, in, dt, "layer " + name);
        if (l instanceof RecurrentLif r) return recurrent(r, dt, "layer " + name);
        if (l instanceof BatchNorm)
            throw new IllegalArgumentException("layer " + name + " (BatchNorm): no Conv2d or Dense before it to fold it into "
                    + "(only average pooling or dropout may stand between)");
        throw new IllegalArgumentException("layer " + name + " (" + l.type() + "): NIR has no node for it"
                + (l.type().equals("MaxPool2d") ? " (no max pooling in NIR; use AvgPool2d)" : ""));
    }

    /** snnTorch's RLeaky layout: {input -> lif -> output, lif -> w_rec -> lif}. */
    private static NirNode recurrent(RecurrentLif r, double dt, String where) {
        long n = r.beta().length();
        long[] shape = {n};
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("input", io("Input", shape));
        nodes.put("lif", NirNeurons.lif(r.config(), r.beta(), r.threshold(), shape, dt, where));
        INDArray vt = r.recurrent().value().transpose(); // NIR weight[post, pre] = V[pre, post]
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("weight", NirSynapses.f32(vt));
        if (r.bias() != null) w.put("bias", NirSynapses.f32(r.bias().value().reshape(n)));
        nodes.put("w_rec", NirNode.of(r.bias() != null ? "Affine" : "Linear", w, Map.of()));
        nodes.put("output", io("Output", shape));
        List<NirGraph.Edge> e = List.of(new NirGraph.Edge("input", "lif"), new NirGraph.Edge("lif", "w_rec"),
                new NirGraph.Edge("w_rec", "lif"), new NirGraph.Edge("lif", "output"));
        return NirNode.graph(new NirGraph(nodes, e, Map.of("snnlab_type", "RecurrentLif")));
    }

    static List<Param> byRole(Layer l, Param.Role role) {
        return l.params().stream().filter(p -> p.role() == role).toList();
    }

    static INDArray f64(INDArray a) { return a.castTo(DataType.DOUBLE); }

    /** The quantizer of a Dense / Conv2d, or null. */
    static WeightQuantizer quantizer(Layer l) {
        return l instanceof Dense d ? d.quantizer() : l instanceof Conv2d c ? c.quantizer() : null;
    }
}

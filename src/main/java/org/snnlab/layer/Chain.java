package org.snnlab.layer;

import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers applied in order, as one layer (a block's body inside a {@link Residual}, a channel MLP). Its
 * layers are named {@code <index>_<type>} within it, and so are their parameters ({@code 0_Conv2d.weight}).
 */
public final class Chain implements Layer {
    private final List<Layer> layers;
    private final List<String> names = new ArrayList<>();
    private final List<Param> params = new ArrayList<>();
    private final String type;

    /** @param type the name this chain goes by (e.g. "ChannelMlp") */
    public Chain(String type, List<Layer> layers) {
        if (layers.isEmpty()) throw new IllegalArgumentException("a chain needs at least one layer");
        this.type = type;
        this.layers = List.copyOf(layers);
        for (int i = 0; i < this.layers.size(); i++) {
            String n = i + "_" + this.layers.get(i).type();
            names.add(n);
            for (Param p : this.layers.get(i).params()) params.add(p.prefixed(n + "."));
        }
    }

    public List<Layer> layers() { return layers; }

    @Override
    public Forward forward(Seq input, Pass pass) {
        List<Forward> fs = new ArrayList<>(layers.size());
        Seq x = input;
        for (Layer l : layers) {
            Forward f = l.forward(x, pass);
            fs.add(f);
            x = f.output();
        }
        Seq out = x;
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                Seq g = grad;
                for (int i = fs.size() - 1; i >= 0; i--) {
                    g = fs.get(i).backward(g, needInputGrad || i > 0);
                }
                return g;
            }
        };
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        long[] s = inputShape;
        for (Layer l : layers) s = l.outputShape(s);
        return s;
    }

    @Override
    public List<Param> params() { return params; }

    @Override
    public String type() { return type; }

    @Override
    public Map<String, Object> spec() {
        return specOf(layers, names);
    }

    /** The spec of a stack of layers: name -> {type, the layer's spec}, in order (Chain and Sequential). */
    public static Map<String, Object> specOf(List<? extends Layer> layers, List<String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("type", layers.get(i).type());
            l.putAll(layers.get(i).spec());
            m.put(names.get(i), l);
        }
        return m;
    }

    @Override
    public void bindName(String n) {
        for (int i = 0; i < layers.size(); i++) layers.get(i).bindName(n + "." + names.get(i));
    }
}

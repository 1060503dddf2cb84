package org.snnlab.model;

import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.core.Param;
import org.snnlab.core.Forward;
import org.snnlab.core.Layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feed-forward spiking network: layers applied in order to a whole {@link Seq} (all T steps at
 * once), trained by back-propagation through time. Layers are named {@code <index>_<type>}, and so are
 * their parameters ({@code 0_Dense.weight}).
 */
public final class Sequential implements Layer {
    private final List<Layer> layers;
    private final List<String> names;
    private final List<Param> params = new ArrayList<>();

    public Sequential(List<Layer> layers) {
        if (layers.isEmpty()) throw new IllegalArgumentException("a model needs at least one layer");
        this.layers = List.copyOf(layers);
        List<String> n = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String name = i + "_" + layers.get(i).type();
            n.add(name);
            layers.get(i).bindName(name);
            for (Param p : layers.get(i).params()) params.add(p.prefixed(name + "."));
        }
        this.names = Collections.unmodifiableList(n);
    }

    public List<Layer> layers() { return layers; }

    public List<String> names() { return names; }

    /**
     * The forward pass of a whole network: the per-layer records, newest last. {@code firstTrainable}:
     * the index of the first layer with parameters; below it no layer needs an input gradient unless
     * the caller asks for the network's (a leading pooling layer on data gets none, and the first
     * convolution skips its input-gradient convolution).
     */
    public record Trace(List<Forward> steps, Seq output, int firstTrainable) implements Forward {
        @Override
        public Seq backward(Seq grad, boolean needInputGrad) {
            return backward(grad, needInputGrad, null);
        }

        /**
         * {@link #backward(Seq, boolean)} showing {@code tap} the gradient that arrives at each layer's
         * output, from the last layer down, before that layer's backward may overwrite it.
         */
        public Seq backward(Seq grad, boolean needInputGrad, GradientTap tap) {
            Seq g = grad;
            for (int i = steps.size() - 1; i >= 0; i--) {
                boolean need = needInputGrad || i > firstTrainable;
                if (tap != null) tap.arriving(i, g);
                g = steps.get(i).backward(g, need);
                if (!need) return null; // nothing below needs a gradient
            }
            return g;
        }

        /** What layer {@code i} received: the network's input for layer 0, else layer {@code i-1}'s output. */
        public Seq inputOf(int i, Seq networkInput) {
            return i == 0 ? networkInput : steps.get(i - 1).output();
        }
    }

    /**
     * Sees, during back-propagation, {@code dL/d(output of layer i)} (per-example gradient statistics
     * without a second pass). The array may live in the step workspace and may be overwritten once the
     * call returns: read it, do not keep it.
     */
    @FunctionalInterface
    public interface GradientTap {
        void arriving(int layer, Seq gradOutput);
    }

    @Override
    public Trace forward(Seq input, Pass pass) {
        List<Forward> fs = new ArrayList<>(layers.size());
        Seq x = input;
        for (Layer l : layers) {
            Forward f = l.forward(x, pass);
            fs.add(f);
            x = f.output();
        }
        int first = 0;
        while (first < layers.size() && layers.get(first).params().isEmpty()) first++;
        return new Trace(fs, x, first);
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        long[] s = inputShape;
        for (Layer l : layers) s = l.outputShape(s);
        return s;
    }

    /** All parameters and buffers, with names prefixed by their layer's name. */
    @Override
    public List<Param> params() { return params; }

    public void zeroGrad() {
        for (Param p : params) p.zeroGrad();
    }

    @Override
    public String type() { return "Sequential"; }

    @Override
    public Map<String, Object> spec() {
        return org.snnlab.layer.Chain.specOf(layers, names);
    }
}

package org.snnlab.layer;

import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A residual connection {@code y = x + body(x)} (He et al. 2016, arXiv 1512.03385), as in every
 * Sequencer block ({@code x += mixer(x); x += mlp(x)}). A static input with a time-varying body output is
 * tiled over T; its gradient is then the time-summed skip gradient plus the body's. The body's layers and
 * parameters are named under its type, e.g. {@code 3_Residual.ChannelMlp.0_Conv2d.weight}.
 */
public final class Residual implements Layer {
    private final Layer body;
    private final List<Param> params;

    public Residual(Layer body) {
        this.body = body;
        this.params = body.params().stream().map(p -> p.prefixed(body.type() + ".")).toList();
    }

    public Layer body() { return body; }

    @Override
    public Forward forward(Seq input, Pass pass) {
        Forward f = body.forward(input, pass);
        Seq b = f.output();
        if (!java.util.Arrays.equals(b.featureShape(), input.featureShape()))
            throw new IllegalArgumentException("residual body maps " + java.util.Arrays.toString(input.featureShape()) + " to "
                    + java.util.Arrays.toString(b.featureShape()) + "; it must keep the shape");
        boolean bothStatic = input.isStatic() && b.isStatic();
        Seq out = bothStatic ? new Seq(input.data().add(b.data()), input.steps(), true)
                : Seq.of(input.expand().data().add(b.expand().data()), input.steps());
        Seq output = out;
        return new Forward() {
            public Seq output() { return output; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                Seq skip = input.isStatic() ? grad.sumOverTime() : grad.expand();
                Seq gb = f.backward(b.isStatic() ? grad.sumOverTime() : grad.expand(), needInputGrad);
                if (!needInputGrad) return null;
                return new Seq(skip.data().add(gb.data()), input.steps(), input.isStatic()); // a layer's input gradient has its input's layout
            }
        };
    }

    @Override
    public long[] outputShape(long[] inputShape) { return inputShape.clone(); }

    @Override
    public List<Param> params() { return params; }

    @Override
    public String type() { return "Residual"; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("body_type", body.type());
        m.putAll(body.spec());
        return m;
    }

    @Override
    public void bindName(String n) { body.bindName(n + "." + body.type()); }
}

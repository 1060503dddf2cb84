package org.snnlab.layer;

import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sum pooling, kernel = stride = k, no padding: {@code y = sum of each k x k block = k^2 avgpool(x)}
 * (NIR's {@code SumPool2d}, which snnlab's layers lack; an imported file's sum pools become this).
 * Backward: {@code dx = k^2 avgpool_bp(dy)}.
 */
public final class SumPool2d implements Layer {
    private final int k;
    private final AvgPool2d avg;

    public SumPool2d(int kernel) {
        this.avg = new AvgPool2d(kernel);
        this.k = kernel;
    }

    public int kernel() { return k; }

    @Override
    public Forward forward(Seq input, Pass pass) {
        Forward f = avg.forward(input, pass);
        Seq y = f.output();
        Seq out = new Seq(y.data().muli(k * k), y.steps(), y.isStatic());
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                Seq g = new Seq(grad.data().mul(k * k), grad.steps(), grad.isStatic());
                return f.backward(g, needInputGrad);
            }
        };
    }

    @Override
    public long[] outputShape(long[] inputShape) { return avg.outputShape(inputShape); }

    @Override
    public String type() { return "SumPool2d"; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", k);
        m.put("stride", k);
        return m;
    }
}

package org.snnlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.model.Param;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with PyTorch's momentum and coupled weight decay:
 * <pre>  g += wd w;  b = mu b + g (b = g at the first step);  w -= lr (nesterov ? g + mu b : b).</pre>
 */
public final class Sgd implements Optimizer {
    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;
    private final Map<String, INDArray> buffers = new LinkedHashMap<>();

    public Sgd(double momentum, double weightDecay, boolean nesterov) {
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0,1), got " + momentum);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        if (nesterov && momentum == 0) throw new IllegalArgumentException("nesterov needs momentum > 0");
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    @Override
    public void step(List<Param> params, double lr) {
        for (Param p : params) {
            if (!p.isTrainable()) continue;
            INDArray g = p.grad().dup();
            if (weightDecay > 0) g.addi(p.value().mul(weightDecay));
            if (momentum > 0) {
                INDArray b = buffers.get(p.name());
                if (b == null) buffers.put(p.name(), b = g.dup());
                else b.muli(momentum).addi(g);
                g = nesterov ? g.addi(b.mul(momentum)) : b;
            }
            p.value().subi(g.mul(lr));
        }
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        buffers.forEach((k, v) -> s.put(k + ".momentum", v));
        return s;
    }

    @Override
    public void loadState(Map<String, INDArray> state) {
        buffers.clear();
        state.forEach((k, v) -> {
            if (k.endsWith(".momentum")) buffers.put(k.substring(0, k.length() - ".momentum".length()), v.dup());
        });
    }

    @Override
    public String describe() {
        return "sgd(momentum=" + momentum + ",wd=" + weightDecay + ",nesterov=" + nesterov + ")";
    }
}

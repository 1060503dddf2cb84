package org.snnlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.Param;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with PyTorch's {@code torch.optim.SGD} semantics (dampening 0): coupled
 * L2 weight decay and a momentum buffer (Sutskever et al. 2013 for the Nesterov form),
 * <pre>  d = g + wd w;  b = mu b + d (b = d at the first step);  w -= lr (nesterov ? d + mu b : b);
 *   without momentum: w -= lr d.</pre>
 * All updates are in-place ND4J ops (no allocation per step beyond the buffer's first creation), on every
 * backend: there is no fused kernel to choose, so the compute options of a step do not matter.
 * State: {@code "<param>.momentum"}, the momentum buffer of each parameter that has one.
 */
public final class Sgd implements Optimizer {
    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;
    private final Map<String, INDArray> buffers = new LinkedHashMap<>();

    /**
     * @param momentum    mu in [0, 1); 0 = plain SGD
     * @param weightDecay coupled L2 coefficient, >= 0
     * @param nesterov    Nesterov momentum (needs momentum > 0)
     */
    public Sgd(double momentum, double weightDecay, boolean nesterov) {
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0,1), got " + momentum);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay))
            throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
        if (nesterov && momentum == 0) throw new IllegalArgumentException("nesterov needs momentum > 0, got momentum " + momentum);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    @Override
    public void step(List<Param> params, double lr) {
        for (Param p : params) {
            if (!p.isTrainable()) continue;
            if (momentum == 0) plain(p, lr);
            else withMomentum(p, lr);
        }
    }

    /** w -= lr (g + wd w), as w (1 - lr wd) - lr g. */
    private void plain(Param p, double lr) {
        INDArray w = p.value();
        if (weightDecay > 0) w.muli(1 - lr * weightDecay);
        Fused.axpy(-lr, p.grad(), w);
    }

    private void withMomentum(Param p, double lr) {
        INDArray w = p.value(), g = p.grad();
        INDArray b = buffer(p);
        if (b == null) buffers.put(p.name(), b = g.dup());   // b = d (PyTorch clones d at the first step)
        else Fused.axpy(1, g, b.muli(momentum));            // b = mu b + g
        if (weightDecay > 0) Fused.axpy(weightDecay, w, b);  // ... + wd w, with the old w
        if (nesterov) {                                     // w -= lr (g + wd w + mu b)
            if (weightDecay > 0) w.muli(1 - lr * weightDecay);
            Fused.axpy(-lr, g, w);
            Fused.axpy(-lr * momentum, b, w);
        } else {
            Fused.axpy(-lr, b, w);
        }
    }

    private INDArray buffer(Param p) {
        INDArray b = buffers.get(p.name());
        if (b == null) return null;
        if (b.length() != p.value().length())
            throw new IllegalArgumentException("optimizer state " + p.name() + ".momentum has " + b.length()
                    + " elements but the parameter has " + p.value().length());
        if (b.dataType() != p.value().dataType() || !java.util.Arrays.equals(b.shape(), p.value().shape())) {
            b = b.castTo(p.value().dataType()).reshape(p.value().shape()).dup(p.value().ordering());
            buffers.put(p.name(), b);
        }
        return b;
    }

    /** Copies of the momentum buffers. */
    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        buffers.forEach((k, v) -> s.put(k + ".momentum", v.dup()));
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

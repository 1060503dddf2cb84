package org.snnlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.Param;

import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015, arXiv 1412.6980) with PyTorch's {@code torch.optim.Adam} semantics:
 * coupled L2 weight decay and bias correction, per parameter and element,
 * <pre>  t += 1;  g += wd w;  m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
 *   w -= (lr / (1 - b1^t)) m / (sqrt(v / (1 - b2^t)) + eps).</pre>
 * The first step therefore moves each weight by {@code lr sign(g)} (up to eps). State:
 * {@code "<param>.m"}, {@code "<param>.v"}, {@code "step"}. See {@link AdamW} for decoupled decay.
 */
public final class Adam implements Optimizer {
    private final AdamUpdate update;

    /**
     * @param beta1       first-moment decay in [0, 1) (PyTorch default 0.9)
     * @param beta2       second-moment decay in [0, 1) (PyTorch default 0.999)
     * @param eps         denominator term, > 0 (PyTorch default 1e-8)
     * @param weightDecay coupled L2 coefficient, >= 0 (added to the gradient)
     */
    public Adam(double beta1, double beta2, double eps, double weightDecay) {
        this.update = new AdamUpdate(beta1, beta2, eps, weightDecay, false);
    }

    private Adam(AdamUpdate update) {
        this.update = update;
    }

    /**
     * This optimizer, fresh, with a parameter group: parameters whose name ends with {@code suffix}
     * (e.g. {@code "threshold"}, Rouser's per-neuron thresholds) learn at {@code factor} x the rate.
     */
    public Adam withLrScale(String suffix, double factor) {
        return new Adam(update.withLrScale(suffix, factor));
    }

    @Override
    public void step(List<Param> params, double lr) { update.step(params, lr); }

    @Override
    public Map<String, INDArray> state() { return update.state(); }

    @Override
    public void loadState(Map<String, INDArray> state) { update.loadState(state); }

    @Override
    public String describe() { return update.describe("adam"); }
}

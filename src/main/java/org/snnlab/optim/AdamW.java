package org.snnlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.Param;

import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter 2019, arXiv 1711.05101) with PyTorch's {@code torch.optim.AdamW}
 * semantics: weight decay is decoupled from the gradient moments,
 * <pre>  t += 1;  w -= lr wd w;  m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
 *   w -= (lr / (1 - b1^t)) m / (sqrt(v / (1 - b2^t)) + eps).</pre>
 * State as {@link Adam}.
 */
public final class AdamW implements Optimizer {
    private final AdamUpdate update;

    /**
     * @param beta1       first-moment decay in [0, 1)
     * @param beta2       second-moment decay in [0, 1)
     * @param eps         denominator term, > 0
     * @param weightDecay decoupled decay coefficient, >= 0 (PyTorch default 0.01)
     */
    public AdamW(double beta1, double beta2, double eps, double weightDecay) {
        this.update = new AdamUpdate(beta1, beta2, eps, weightDecay, true);
    }

    private AdamW(AdamUpdate update) {
        this.update = update;
    }

    /**
     * This optimizer, fresh, with a parameter group: parameters whose name ends with {@code suffix}
     * (e.g. {@code "threshold"}, Rouser's per-neuron thresholds) learn at {@code factor} x the rate.
     */
    public AdamW withLrScale(String suffix, double factor) {
        return new AdamW(update.withLrScale(suffix, factor));
    }

    @Override
    public void step(List<Param> params, double lr) { update.step(params, lr); }

    @Override
    public Map<String, INDArray> state() { return update.state(); }

    @Override
    public void loadState(Map<String, INDArray> state) { update.loadState(state); }

    @Override
    public String describe() { return update.describe("adamw"); }
}

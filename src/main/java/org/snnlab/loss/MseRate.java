package org.snnlab.loss;

import org.snnlab.core.Seq;

/**
 * Mean squared error between output firing rates and the one-hot label (FastSpiker, Rouser):
 * <pre>  r_{b,j} = c_{b,j} / T,  l_b = sum_j (r_{b,j} - onehot(y_b)_j)^2 / C,  L = sum_b w_b l_b / B.</pre>
 */
public final class MseRate implements Loss {

    @Override
    public LossResult evaluate(Seq output, int[] labels, double[] weights) {
        return MseCount.Mse.evaluate(output, output.steps(), labels, weights, 1, 0,
                1.0 / output.steps(), 1.0);
    }

    @Override
    public int[] predict(Seq output) {
        return Outputs.argmax(Outputs.countsOverTime(output), output.batch(), (int) output.features());
    }

    @Override
    public String describe() {
        return "mse-rate";
    }
}

package org.snnlab.loss;

import org.snnlab.core.Seq;

/**
 * Softmax cross-entropy on output spike counts (snnTorch {@code ce_count_loss}; the PyTorch reference's
 * {@code F.cross_entropy(spikes.sum(0), y)}):
 * <pre>  c_b = sum_t s_{t,b},  l_b = -log softmax(c_b)[y_b],  L = sum_b w_b l_b / B,
 *   dL/ds_{t,b} = w_b (softmax(c_b) - onehot(y_b)) / B   for every t.</pre>
 */
public final class CrossEntropyCount implements Loss {

    @Override
    public LossResult evaluate(Seq output, int[] labels, double[] weights) {
        int b = output.batch(), c = (int) output.features();
        Outputs.checkLabels(labels, b, c);
        Outputs.checkWeights(weights, b);
        double[] z = Outputs.countsOverTime(output);
        double[] g = new double[z.length], per = new double[b];
        double total = 0;
        for (int i = 0; i < b; i++) {
            double w = Outputs.weight(weights, i);
            per[i] = Outputs.softmaxCe(z, c, labels[i], g, i * c, w / b)[0];
            total += w * per[i];
        }
        return new LossResult(total / b, per, Outputs.everyStep(g, b, c, output.steps(), output.data().dataType()));
    }

    @Override
    public int[] predict(Seq output) {
        return Outputs.argmax(Outputs.countsOverTime(output), output.batch(), (int) output.features());
    }

    @Override
    public String describe() {
        return "ce-count";
    }
}

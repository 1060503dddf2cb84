package org.snnlab.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Seq;

/**
 * Cross-entropy on the output membrane at every step (snnTorch {@code ce_mem_loss}):
 * <pre>  l_b = sum_t -log softmax(u_{t,b})[y_b],  L = sum_b w_b l_b / B.</pre>
 * Prediction: argmax of the membrane summed over time.
 */
public final class CrossEntropyMembrane implements Loss {

    @Override
    public LossResult evaluate(Seq output, int[] labels, double[] weights) {
        Seq out = output.expand();
        int T = out.steps(), b = out.batch();
        int c = (int) out.data().size(1);
        Outputs.checkLabels(labels, b, c);
        Outputs.checkWeights(weights, b);
        double[] z = out.data().castTo(DataType.DOUBLE).data().asDouble();
        double[] g = new double[z.length], per = new double[b];
        for (int t = 0; t < T; t++)
            for (int i = 0; i < b; i++) {
                double w = Outputs.weight(weights, i);
                per[i] += Outputs.softmaxCe(z, c, labels[i], g, (t * b + i) * c, w / b)[0];
            }
        double total = 0;
        for (int i = 0; i < b; i++) total += Outputs.weight(weights, i) * per[i];
        INDArray grad = Nd4j.createFromArray(g).reshape((long) T * b, c).castTo(out.data().dataType());
        return new LossResult(total / b, per, Seq.of(grad, T));
    }

    @Override
    public int[] predict(Seq output) {
        return Outputs.argmax(Outputs.countsOverTime(output), output.batch(), (int) output.features());
    }

    @Override
    public boolean readsMembrane() {
        return true;
    }

    @Override
    public String describe() {
        return "ce-mem";
    }
}

package org.snnlab.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Seq;

/**
 * Mean squared error between spike counts and target counts (snnTorch {@code mse_count_loss};
 * QSNN paper, Eshraghian and Lu 2022, arXiv 2202.07221: correct rate 0.8, incorrect 0.2):
 * <pre>  on = int(T correct),  off = int(T incorrect),  target_{b,j} = (j == y_b ? on : off),
 *   l_b = sum_j (c_{b,j} - target_{b,j})^2 / (C T),   L = sum_b w_b l_b / B,
 *   dL/ds_{t,b,j} = 2 w_b (c_{b,j} - target_{b,j}) / (B C T)   for every t.</pre>
 * This is exactly snnTorch's arithmetic ({@code snntorch/functional/loss.py}): the target counts are
 * truncated to integers with Python's {@code int()} (so T = 4, rates 0.8/0.2 give targets 3 and 0, not
 * 3.2 and 0.8), and the mean-reduced {@code MSELoss} over the B x C counts is divided by T.
 */
public final class MseCount implements Loss {
    private final double correct;
    private final double incorrect;

    public MseCount(double correctRate, double incorrectRate) {
        if (!(correctRate >= 0 && correctRate <= 1)) throw new IllegalArgumentException("correct rate must be in [0,1], got " + correctRate);
        if (!(incorrectRate >= 0 && incorrectRate <= 1)) throw new IllegalArgumentException("incorrect rate must be in [0,1], got " + incorrectRate);
        this.correct = correctRate;
        this.incorrect = incorrectRate;
    }

    @Override
    public LossResult evaluate(Seq output, int[] labels, double[] weights) {
        int steps = output.steps();
        return Mse.evaluate(output, steps, labels, weights,
                targetCount(correct, steps), targetCount(incorrect, steps), 1.0, 1.0 / steps);
    }

    /** snnTorch's target count {@code int(T * rate)}: the product in double, truncated toward zero. */
    static double targetCount(double rate, int steps) {
        return (long) (steps * rate);
    }

    @Override
    public int[] predict(Seq output) {
        return Outputs.argmax(Outputs.countsOverTime(output), output.batch(), (int) output.features());
    }

    @Override
    public String describe() {
        return "mse-count(correct=" + correct + ",incorrect=" + incorrect + ")";
    }

    /** Shared MSE arithmetic on {@code x = scale * counts} against a two-level target. */
    static final class Mse {
        private Mse() { }

        /** The loss on the spike counts of {@code output} over time, its gradient at every one of {@code steps} steps. */
        static LossResult evaluate(Seq output, int steps, int[] labels, double[] weights,
                                   double on, double off, double scale, double lossScale) {
            int b = output.batch(), c = (int) output.features();
            Outputs.checkLabels(labels, b, c);
            Outputs.checkWeights(weights, b);
            double[] x = Outputs.countsOverTime(output);
            double[] g = new double[x.length], per = new double[b];
            double total = 0;
            for (int i = 0; i < b; i++) {
                double w = Outputs.weight(weights, i);
                for (int j = 0; j < c; j++) {
                    double d = scale * x[i * c + j] - (j == labels[i] ? on : off);
                    per[i] += lossScale * d * d / c;
                    g[i * c + j] = lossScale * w * 2 * d * scale / ((double) b * c);
                }
                total += w * per[i];
            }
            return new LossResult(total / b, per, Outputs.everyStep(g, b, c, steps, output.data().dataType()));
        }
    }
}

package org.snnlab.prune;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.core.Workspace;
import org.snnlab.data.Batch;
import org.snnlab.data.Dataset;
import org.snnlab.data.Encoder;
import org.snnlab.loss.Loss;
import org.snnlab.loss.LossResult;
import org.snnlab.model.Sequential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The measurements behind the pruning figures, at a model's current weights (between epochs, or on a
 * trained model; nothing is updated):
 * <ul>
 *   <li>{@link #scores}: every example's loss, output error, spike-aware bound, exact last-layer term
 *       and exact gradient norm (score vs exact-norm scatter: every point on or above y = x);</li>
 *   <li>{@link #variance}: the Horvitz-Thompson estimate {@code g_hat = (1/N) sum_{i in S} g_i / pi_i}
 *       of the mean gradient {@code g = (1/N) sum_i g_i} over repeated draws of K of N examples, with
 *       pi uniform or from EL2N, SADP or exact-norm scores (mixed with uniform, water-filled,
 *       systematic sampling as in training): {@code ||g_hat - g||^2} per draw, its mean, and the bias
 *       {@code ||mean g_hat - g||^2}.</li>
 * </ul>
 * Each batch runs one forward and backward pass in training mode with the batch's random stream from
 * (seed, batch), so a deterministic encoder (direct) gives the same per-example gradients whatever
 * the batch; a random encoder adds its own noise to the estimate.
 *
 * @param model   the network (its parameter gradients are overwritten)
 * @param loss    the training loss
 * @param encoder the training encoder
 * @param steps   T
 * @param batch   examples per forward pass
 * @param compute the kernels
 */
public record GradientStudy(Sequential model, Loss loss, Encoder encoder, int steps, int batch, ComputeOptions compute) {

    public GradientStudy {
        if (model == null || loss == null || encoder == null || compute == null)
            throw new IllegalArgumentException("a gradient study needs model, loss, encoder and compute options");
        if (steps < 1 || batch < 1) throw new IllegalArgumentException("steps and batch must be >= 1, got " + steps + ", " + batch);
    }

    /** The sampling distributions a variance study compares. */
    public enum Method { UNIFORM, EL2N, SADP, EXACT }

    /**
     * The per-example scores of examples {@code indices} of {@code data}: row j belongs to
     * {@code indices[j]} (bound and exact norm both computed: the net must satisfy both).
     */
    public ExampleScores scores(Dataset data, int[] indices, long seed) {
        ExampleScorer scorer = new ExampleScorer(model, true, true);
        List<ExampleScores> parts = new ArrayList<>();
        for (int from = 0, b = 0; from < indices.length; from += batch, b++) {
            Batch bt = Batch.of(data, indices, from, Math.min(indices.length, from + batch), encoder.timeMajorBatches());
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + b);
            ExampleScorer.Probe probe = scorer.probe();
            parts.add(Workspace.step("prune-study", compute, () -> {
                step(bt, null, rng, probe);
                return probe.finish();
            }));
        }
        return concat(parts);
    }

    /**
     * Horvitz-Thompson gradient estimates over {@code draws} draws of {@code K = round((1-r) N)} of the
     * N examples {@code indices}, for each method.
     *
     * @param ratio r in [0, 1)
     * @param mix   the uniform share lambda of the importance methods' probabilities (training's
     *              {@code --prune-uniform-mix}; 0 = pure importance)
     */
    public Map<Method, Variance> variance(Dataset data, int[] indices, double ratio, double mix, int draws, long seed) {
        if (draws < 1) throw new IllegalArgumentException("draws must be >= 1, got " + draws);
        int n = indices.length, k = Sampling.keptCount(n, ratio);
        ExampleScores s = scores(data, indices, seed);
        double[] uniform = new double[n];
        Arrays.fill(uniform, 1.0);
        double[] full = gradient(data, indices, uniform, seed); // pi = 1 for all: the mean gradient
        Map<Method, Variance> out = new LinkedHashMap<>();
        for (Method m : Method.values()) {
            double[] pi = switch (m) {
                case UNIFORM -> Sampling.waterFill(uniform, k);
                case EL2N -> ImportanceSampler.probabilities(s.outputError(), k, mix);
                case SADP -> ImportanceSampler.probabilities(s.bound(), k, mix);
                case EXACT -> ImportanceSampler.probabilities(s.exact(), k, mix);
            };
            double[] errors = new double[draws], mean = new double[full.length];
            SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (m.ordinal() + 1)));
            for (int d = 0; d < draws; d++) {
                int[] drawn = Sampling.systematic(pi, rng);
                int[] sel = new int[drawn.length];
                double[] selPi = new double[drawn.length];
                for (int j = 0; j < drawn.length; j++) {
                    sel[j] = indices[drawn[j]];
                    selPi[j] = pi[drawn[j]];
                }
                double[] g = gradient(data, sel, selPi, seed, n);
                errors[d] = squaredDistance(g, full);
                for (int p = 0; p < g.length; p++) mean[p] += g[p] / draws;
            }
            out.put(m, new Variance(m, k, n, errors, squaredDistance(mean, full), squaredDistance(full, new double[full.length])));
        }
        return out;
    }

    /**
     * What one method's draws gave.
     *
     * @param method   the sampling distribution
     * @param kept     K
     * @param total    N
     * @param errors   {@code ||g_hat - g||^2} of each draw
     * @param bias     {@code ||mean over draws of g_hat - g||^2} (-> 0 with more draws: unbiased)
     * @param fullNorm {@code ||g||^2}, to put the others in scale
     */
    public record Variance(Method method, int kept, int total, double[] errors, double bias, double fullNorm) {
        /** The mean of {@link #errors}: the estimator's mean squared error (its variance plus the bias, ~0). */
        public double meanError() {
            return Arrays.stream(errors).average().orElse(Double.NaN);
        }
    }

    /** {@code (1/N) sum_j g_{sel_j} / pi_j} flattened over all parameters, with N = sel.length. */
    double[] gradient(Dataset data, int[] sel, double[] pi, long seed) {
        return gradient(data, sel, pi, seed, sel.length);
    }

    private double[] gradient(Dataset data, int[] sel, double[] pi, long seed, int n) {
        List<Param> params = model.params();
        double[][] acc = new double[params.size()][];
        for (int from = 0; from < sel.length; from += batch) {
            int to = Math.min(sel.length, from + batch), rows = to - from;
            Batch bt = Batch.of(data, sel, from, to, encoder.timeMajorBatches());
            double[] w = new double[rows];
            for (int j = 0; j < rows; j++) w[j] = rows / (n * pi[from + j]); // loss sum w l / rows = sum l / (N pi)
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + from / batch);
            Workspace.step("prune-study", compute, () -> {
                step(bt, w, rng, null);
                for (int p = 0; p < params.size(); p++) {
                    double[] g = params.get(p).grad().castTo(DataType.DOUBLE).dup('c').data().asDouble();
                    if (acc[p] == null) acc[p] = g;
                    else for (int q = 0; q < g.length; q++) acc[p][q] += g[q];
                }
                return null;
            });
        }
        int total = 0;
        for (double[] a : acc) total += a.length;
        double[] flat = new double[total];
        int off = 0;
        for (double[] a : acc) {
            System.arraycopy(a, 0, flat, off, a.length);
            off += a.length;
        }
        return flat;
    }

    /** Forward, weighted loss and backward of one batch; gradients land in the parameters (zeroed first). */
    private void step(Batch bt, double[] weights, SplittableRandom rng, ExampleScorer.Probe probe) {
        Seq x = encoder.encode(bt.features(), steps, rng);
        Pass pass = new Pass(true, rng, probe, compute);
        Sequential.Trace trace = model.forward(x, pass);
        LossResult res = loss.evaluate(trace.output(), bt.labels(), weights);
        if (probe != null) probe.lossDone(trace, x, res, weights, compute);
        model.zeroGrad();
        trace.backward(res.gradient(), false, probe);
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    private static ExampleScores concat(List<ExampleScores> parts) {
        int n = parts.stream().mapToInt(ExampleScores::size).sum();
        double[][] cols = new double[5][n];
        int off = 0;
        for (ExampleScores p : parts) {
            double[][] src = {p.loss(), p.outputError(), p.bound(), p.lastLayer(), p.exact()};
            for (int c = 0; c < 5; c++) System.arraycopy(src[c], 0, cols[c], off, p.size());
            off += p.size();
        }
        return new ExampleScores(cols[0], cols[1], cols[2], cols[3], cols[4]);
    }
}

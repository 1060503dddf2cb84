package org.snnlab.prune;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.ActivityStats;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Seq;
import org.snnlab.layer.BatchNorm;
import org.snnlab.layer.Dense;
import org.snnlab.loss.LossResult;
import org.snnlab.model.Sequential;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-example statistics of the training step, with no second pass: a {@link Probe} per batch is the
 * pass's {@link ActivityStats} sink (spike counts per layer and step, reported by the neuron layers
 * from their forward pass) and the backward pass's {@link Sequential.GradientTap} (the error arriving
 * at each Dense layer), and turns them with the loss's per-example values and gradient rows into
 * {@link ExampleScores}: loss, output error norm, and (when asked) the spike-aware bound
 * {@link SpikeAwareBound} and the exact gradient norm {@link GhostNorms}. Holds what lasts across
 * batches (the warm-started spectral norms).
 */
public final class ExampleScorer {
    private final Sequential model;
    private final SpikeAwareBound bound;
    private final boolean exact;
    private final int[] dense;

    /**
     * @param bound compute the spike-aware bound (refuses a net it does not hold for)
     * @param exact compute the exact per-example gradient norm (refuses a net with parameters outside
     *              Dense layers, or batch norm)
     */
    public ExampleScorer(Sequential model, boolean bound, boolean exact) {
        this.model = model;
        this.bound = bound ? new SpikeAwareBound(model) : null;
        this.exact = exact;
        if (exact) checkExact(model);
        this.dense = java.util.stream.IntStream.range(0, model.layers().size()).filter(i -> model.layers().get(i) instanceof Dense).toArray();
        if ((bound || exact) && dense.length == 0) throw new IllegalArgumentException("per-example gradient norms need a Dense layer");
    }

    /** The scorer a strategy needs: loss and output error always; the bound for SADP, the exact norm for gradnorm. */
    public static ExampleScorer forStrategy(Sequential model, PruneSpec spec) {
        return new ExampleScorer(model, spec.kind() == PruneSpec.Kind.SADP, spec.kind() == PruneSpec.Kind.GRADNORM);
    }

    private static void checkExact(Sequential m) {
        for (int i = 0; i < m.layers().size(); i++) {
            Layer l = m.layers().get(i);
            if (l instanceof BatchNorm)
                throw new IllegalArgumentException("exact per-example gradient norms (--prune gradnorm): " + m.names().get(i) + " couples the examples of a batch");
            boolean trainable = l.params().stream().anyMatch(p -> p.role() != Param.Role.BUFFER);
            if (trainable && !(l instanceof Dense))
                throw new IllegalArgumentException("exact per-example gradient norms (--prune gradnorm) need every trainable layer to be Dense; "
                        + m.names().get(i) + " is " + l.type());
        }
    }

    /** A probe for one batch. */
    public Probe probe() {
        return new Probe();
    }

    /** Collects one batch's statistics: stats sink during the forward, tap during the backward. */
    public final class Probe implements ActivityStats, Sequential.GradientTap {
        private final Map<String, double[]> counts = new HashMap<>(); // layer -> [T*B] spikes per (step, example)
        private Sequential.Trace trace;
        private Seq input;
        private double[] scale;
        private double[] loss, outputError, lastLayer, exactSq;
        private double[][] eLast;
        private int T, B;
        private long nanos;
        private org.snnlab.core.ComputeOptions compute;

        private Probe() { }

        /** Wall time this probe has spent computing statistics so far, in nanoseconds (the scoring overhead). */
        public long nanos() {
            return nanos;
        }

        @Override
        public void record(String layer, INDArray perNeuron, INDArray perExample, int steps) { }

        @Override
        public void recordSteps(String layer, INDArray spikesPerStep) {
            if (bound == null || dense.length < 2) return; // only the bound's hidden terms read spike counts
            long t0 = System.nanoTime();
            counts.put(layer, spikesPerStep.reshape(spikesPerStep.length()).toDoubleVector());
            nanos += System.nanoTime() - t0;
        }

        /**
         * After the forward and the loss, before the backward.
         *
         * @param weights the loss weights of the batch (null = 1): removed again, the scores are unweighted
         */
        public void lossDone(Sequential.Trace t, Seq networkInput, LossResult res, double[] weights) {
            lossDone(t, networkInput, res, weights, org.snnlab.core.ComputeOptions.defaults().withFused(false));
        }

        /** As {@link #lossDone(Sequential.Trace, Seq, LossResult, double[])}, computing with the step's kernels. */
        public void lossDone(Sequential.Trace t, Seq networkInput, LossResult res, double[] weights, org.snnlab.core.ComputeOptions compute) {
            long t0 = System.nanoTime();
            this.compute = compute;
            trace = t;
            input = networkInput;
            B = networkInput.batch();
            T = networkInput.steps();
            scale = new double[B];
            for (int i = 0; i < B; i++) scale[i] = B / (weights == null ? 1 : weights[i]); // rows carry w_i / B
            loss = res.perExample().clone();
            Seq g = res.gradient();
            double[][] rn = GhostNorms.rowNorms(g.data(), g.isStatic() ? 1 : g.steps(), B);
            outputError = new double[B];
            for (double[] step : rn) for (int i = 0; i < B; i++) outputError[i] += step[i] * step[i];
            for (int i = 0; i < B; i++) outputError[i] = Math.sqrt(outputError[i] * (g.isStatic() ? g.steps() : 1)) * scale[i];
            if (exact) exactSq = new double[B];
            nanos += System.nanoTime() - t0;
        }

        @Override
        public void arriving(int layer, Seq grad) {
            if (trace == null || Arrays.binarySearch(dense, layer) < 0) return;
            boolean last = layer == dense[dense.length - 1];
            if (!(exact || (bound != null && last))) return;
            long t0 = System.nanoTime();
            Dense d = (Dense) model.layers().get(layer);
            double[][] en = last && bound != null && !grad.isStatic() ? new double[T][B] : null;
            double[] n = GhostNorms.norms(grad, trace.inputOf(layer, input), d.bias() != null, compute, en);
            for (int i = 0; i < B; i++) n[i] *= scale[i];
            if (exact) for (int i = 0; i < B; i++) exactSq[i] += n[i] * n[i];
            if (last && bound != null) {
                lastLayer = n;
                eLast = en;
                if (eLast != null) for (double[] step : eLast) for (int i = 0; i < B; i++) step[i] *= scale[i];
            }
            nanos += System.nanoTime() - t0;
        }

        /** The batch's per-example scores (call after the backward). */
        public ExampleScores finish() {
            if (trace == null) throw new IllegalStateException("lossDone was not called");
            long t0 = System.nanoTime();
            double[] nan = new double[B];
            Arrays.fill(nan, Double.NaN);
            double[] ex = nan.clone(), bd = nan.clone(), ll = nan.clone();
            if (exact) for (int i = 0; i < B; i++) ex[i] = Math.sqrt(exactSq[i]);
            if (bound != null) {
                ll = lastLayer.clone();
                bd = dense.length == 1 ? lastLayer.clone() : bound.scores(lastLayer, eLast, hiddenInputs(), hasBias(), null);
            }
            nanos += System.nanoTime() - t0;
            return new ExampleScores(loss, outputError, bd, ll, ex);
        }

        /** q^{l-1}_t of the bound for Dense_1..Dense_{L-1}: input squared norms, then spike counts. */
        private double[][][] hiddenInputs() {
            double[][][] q = new double[dense.length - 1][][];
            for (int l = 0; l < q.length; l++) {
                q[l] = new double[T][B];
                if (l == 0) {
                    Seq x = trace.inputOf(dense[0], input);
                    double[] sq = GhostNorms.rowSquares(x.data());
                    for (int t = 0; t < T; t++) for (int i = 0; i < B; i++) q[l][t][i] = sq[x.isStatic() ? i : t * B + i];
                } else {
                    String lif = model.names().get(dense[l] - 1);
                    double[] c = counts.get(lif);
                    if (c == null) throw new IllegalStateException(lif + " reported no spike counts: the probe must be the pass's statistics sink");
                    for (int t = 0; t < T; t++) System.arraycopy(c, t * B, q[l][t], 0, B);
                }
            }
            return q;
        }

        private boolean[] hasBias() {
            boolean[] b = new boolean[dense.length];
            for (int l = 0; l < dense.length; l++) b[l] = ((Dense) model.layers().get(dense[l])).bias() != null;
            return b;
        }
    }
}

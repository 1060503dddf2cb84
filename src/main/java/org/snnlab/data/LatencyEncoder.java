package org.snnlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.Seq;

import java.util.SplittableRandom;

/**
 * Latency (time-to-first-spike) encoding after snnTorch {@code spikegen.latency} / {@code latency_code}
 * (snntorch/spikegen.py): each input fires at most once, brighter inputs earlier. With {@code thr}
 * the threshold and {@code eps = 1e-7}:
 * <pre>
 * logarithmic (linear = false), an RC neuron charging to x:
 *     t = tau * ln(x' / (x' - thr)),   x' = max(x, thr + eps)
 *     normalize: t *= (T - 1) / (tau * ln((thr + eps) / eps))
 * linear (linear = true):
 *     t = min(tau * (1 - x), tau * (1 - thr)),   tau := T - 1 when normalize
 * spike at step round(t) (half to even, as torch.round)
 * </pre>
 * Inputs below the threshold saturate (they fire at the latest time, {@code T - 1} when normalised)
 * unless {@code clip}, which removes their spike, as snnTorch's {@code clip=True}.
 *
 * <p>Where this implementation differs from snnTorch, on purpose:
 * <ul>
 *   <li>logarithmic {@code normalize} divides by the fixed largest time {@code tau ln((thr+eps)/eps)}
 *       (snnTorch's earlier code) instead of the batch maximum, so one example's code does not depend
 *       on the other examples in its batch; the two agree whenever some input is below the threshold;</li>
 *   <li>a spike time past {@code T - 1} is dropped for that input only (snnTorch clamps, warns, and
 *       then zeroes the whole last step);</li>
 *   <li>linear mode clamps x to at most 1 (snnTorch raises or rescales the batch when x &gt; 1).</li>
 * </ul>
 * No randomness is used. Output: a time-varying {@code Seq [T*B, ...]} of float 0/1 from one float[].
 *
 * @param tau       time constant (> 0); ignored by linear normalised mode, which uses T - 1
 * @param threshold input threshold in (0, 1)
 * @param normalize scale spike times so the latest possible one is step T - 1
 * @param linear    linear instead of logarithmic code
 * @param clip      inputs below the threshold do not fire at all
 */
public record LatencyEncoder(double tau, double threshold, boolean normalize, boolean linear, boolean clip) implements Encoder {
    /** snnTorch's epsilon that keeps the logarithm finite. */
    public static final double EPSILON = 1e-7;

    public LatencyEncoder {
        if (!(tau > 0) || Double.isInfinite(tau)) throw new IllegalArgumentException("latency tau must be finite and > 0, got " + tau);
        if (!(threshold > 0 && threshold < 1))
            throw new IllegalArgumentException("latency threshold must be in (0, 1), got " + threshold);
    }

    /** snnTorch's defaults for {@code clip}: sub-threshold inputs fire at the latest time. */
    public LatencyEncoder(double tau, double threshold, boolean normalize, boolean linear) {
        this(tau, threshold, normalize, linear, false);
    }

    /** The snnTorch tutorial's code: linear, normalised to T steps, clipped, threshold 0.01. */
    public static LatencyEncoder linearNormalized(double threshold) {
        return new LatencyEncoder(1, threshold, true, true, true);
    }

    /** Spike step of input {@code x} over {@code steps} steps, or -1 for no spike. */
    public int spikeStep(double x, int steps) {
        if (Double.isNaN(x) || clip && x < threshold) return -1;
        double t = linear ? linearTime(Math.min(x, 1), steps) : logTime(x, steps);
        double k = Math.rint(t);
        return k <= steps - 1 ? (int) Math.max(0, k) : -1;
    }

    private double linearTime(double x, int steps) {
        double tc = normalize ? steps - 1 : tau;
        return Math.min(tc * (1 - x), tc * (1 - threshold));
    }

    private double logTime(double x, int steps) {
        double xc = Math.max(x, threshold + EPSILON);
        double t = tau * Math.log(xc / (xc - threshold));
        if (normalize) t *= (steps - 1) / (tau * Math.log((threshold + EPSILON) / EPSILON));
        return t;
    }

    @Override
    public Seq encode(INDArray batch, int steps, SplittableRandom rng) {
        Floats.checkBatch(batch, steps);
        float[] x = Floats.of(batch);
        float[] s = new float[x.length * steps];
        for (int i = 0; i < x.length; i++) {
            int t = spikeStep(x[i], steps);
            if (t >= 0) s[t * x.length + i] = 1f;
        }
        return Floats.timeMajor(s, batch.shape(), steps);
    }

    @Override
    public String describe() {
        return "latency(" + (linear ? "linear" : "log") + ",tau=" + tau + ",threshold=" + threshold
                + (normalize ? ",normalize" : "") + (clip ? ",clip" : "") + ")";
    }
}

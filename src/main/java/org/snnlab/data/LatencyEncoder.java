package org.snnlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.Seq;

import java.util.SplittableRandom;

/**
 * Latency (time-to-first-spike) encoding after snnTorch {@code spikegen.latency} / {@code latency_code}
 * (snntorch/spikegen.py): each input fires at most once, brighter inputs earlier. With {@code thr}
 * the threshold and {@code eps = 1e-7}:
 * <pre>
 * logarithmic (Code.LOG), an RC neuron charging to x:
 *     t = tau * ln(x' / (x' - thr)),   x' = max(x, thr + eps)
 *     Timing.NORMALIZED: t *= (T - 1) / (tau * ln((thr + eps) / eps))
 * linear (Code.LINEAR):
 *     t = min(tau * (1 - x), tau * (1 - thr)),   tau := T - 1 when Timing.NORMALIZED
 * spike at step round(t) (half to even, as torch.round)
 * </pre>
 * Inputs below the threshold either saturate, firing at the latest time ({@code T - 1} when
 * normalised; {@link BelowThreshold#SATURATE}, snnTorch's default), or do not fire at all
 * ({@link BelowThreshold#CLIP}, snnTorch's {@code clip=True}). For example
 * {@code new LatencyEncoder(1.0, 0.01, Code.LOG, Timing.NORMALIZED, BelowThreshold.CLIP)} is the
 * command line's {@code latency-log}.
 *
 * <p>Where this implementation differs from snnTorch, on purpose:
 * <ul>
 *   <li>logarithmic normalised timing divides by the fixed largest time {@code tau ln((thr+eps)/eps)}
 *       (snnTorch's earlier code) instead of the batch maximum, so one example's code does not depend
 *       on the other examples in its batch; the two agree whenever some input is below the threshold;</li>
 *   <li>a spike time past {@code T - 1} is dropped for that input only (snnTorch clamps, warns, and
 *       then zeroes the whole last step);</li>
 *   <li>linear mode clamps x to at most 1 (snnTorch raises or rescales the batch when x &gt; 1).</li>
 * </ul>
 * No randomness is used. Output: a time-varying {@code Seq [T*B, ...]} of float 0/1 from one float[].
 *
 * @param tau            time constant (> 0); ignored by linear normalised mode, which uses T - 1
 * @param threshold      input threshold in (0, 1)
 * @param code           logarithmic (snnTorch's {@code linear=False}) or linear spike times
 * @param timing         raw times, or normalised so the latest possible one is step T - 1 ({@code normalize=True})
 * @param belowThreshold what inputs below the threshold do: fire at the latest time, or not at all
 */
public record LatencyEncoder(double tau, double threshold, Code code, Timing timing, BelowThreshold belowThreshold)
        implements Encoder {
    /** snnTorch's epsilon that keeps the logarithm finite. */
    public static final double EPSILON = 1e-7;

    /** How the spike time falls with the input: an RC neuron's charging time, or a straight line. */
    public enum Code { LOG, LINEAR }

    /** Spike times as computed ({@code RAW}), or scaled so the latest possible one is step T - 1. */
    public enum Timing { RAW, NORMALIZED }

    /** Inputs below the threshold fire at the latest time ({@code SATURATE}) or not at all ({@code CLIP}). */
    public enum BelowThreshold { SATURATE, CLIP }

    public LatencyEncoder {
        if (!(tau > 0) || Double.isInfinite(tau)) throw new IllegalArgumentException("latency tau must be finite and > 0, got " + tau);
        if (!(threshold > 0 && threshold < 1))
            throw new IllegalArgumentException("latency threshold must be in (0, 1), got " + threshold);
        java.util.Objects.requireNonNull(code, "code");
        java.util.Objects.requireNonNull(timing, "timing");
        java.util.Objects.requireNonNull(belowThreshold, "belowThreshold");
    }

    /** The snnTorch tutorial's code: linear, normalised to T steps, clipped, threshold 0.01. */
    public static LatencyEncoder linearNormalized(double threshold) {
        return new LatencyEncoder(1, threshold, Code.LINEAR, Timing.NORMALIZED, BelowThreshold.CLIP);
    }

    private boolean linear() { return code == Code.LINEAR; }

    private boolean normalize() { return timing == Timing.NORMALIZED; }

    private boolean clip() { return belowThreshold == BelowThreshold.CLIP; }

    /** Spike step of input {@code x} over {@code steps} steps, or -1 for no spike. */
    public int spikeStep(double x, int steps) {
        if (Double.isNaN(x) || clip() && x < threshold) return -1;
        double t = linear() ? linearTime(Math.min(x, 1), steps) : logTime(x, steps);
        double k = Math.rint(t);
        return k <= steps - 1 ? (int) Math.max(0, k) : -1;
    }

    private double linearTime(double x, int steps) {
        double tc = normalize() ? steps - 1 : tau;
        return Math.min(tc * (1 - x), tc * (1 - threshold));
    }

    private double logTime(double x, int steps) {
        double xc = Math.max(x, threshold + EPSILON);
        double t = tau * Math.log(xc / (xc - threshold));
        if (normalize()) t *= (steps - 1) / (tau * Math.log((threshold + EPSILON) / EPSILON));
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
        return "latency(" + (linear() ? "linear" : "log") + ",tau=" + tau + ",threshold=" + threshold
                + (normalize() ? ",normalize" : "") + (clip() ? ",clip" : "") + ")";
    }
}

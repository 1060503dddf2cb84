package org.snnlab.optim;

import org.snnlab.model.Param;

import java.util.List;

/** Gradient clipping and weight clamping. */
public final class GradClip {
    private GradClip() { }

    /**
     * PyTorch's {@code clip_grad_norm_}: with {@code n = sqrt(sum ||g||^2)} over all trainable
     * parameters, scales every gradient by {@code maxNorm / (n + 1e-6)} when {@code n > maxNorm}.
     *
     * @return the norm before clipping
     */
    public static double clipGlobalNorm(List<Param> params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("max norm must be > 0, got " + maxNorm);
        double sq = 0;
        for (Param p : params) if (p.isTrainable()) {
            double n = p.grad().norm2Number().doubleValue();
            sq += n * n;
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            double scale = maxNorm / (norm + 1e-6);
            for (Param p : params) if (p.isTrainable()) p.grad().muli(scale);
        }
        return norm;
    }

    /** Clamps every trainable parameter into {@code [min, max]} (QSNN's DVS configuration). */
    public static void clampWeights(List<Param> params, double min, double max) {
        if (!(min < max)) throw new IllegalArgumentException("clamp needs min < max, got " + min + ", " + max);
        for (Param p : params)
            if (p.isTrainable()) org.nd4j.linalg.ops.transforms.Transforms.max(
                    org.nd4j.linalg.ops.transforms.Transforms.min(p.value(), max, false), min, false);
    }
}

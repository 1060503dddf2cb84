package org.snnlab.optim;

import org.nd4j.linalg.ops.transforms.Transforms;
import org.snnlab.core.Param;

import java.util.List;

/** Gradient clipping by global norm (PyTorch {@code clip_grad_norm_}) and weight clamping (QSNN, DVS). */
public final class GradClip {
    private GradClip() { }

    /**
     * PyTorch's {@code torch.nn.utils.clip_grad_norm_} (L2, {@code error_if_nonfinite=False}): with
     * <pre>  n = sqrt(sum_p ||g_p||^2)  over the trainable parameters,  k = min(1, maxNorm / (n + 1e-6)),</pre>
     * every gradient is scaled in place by k when k < 1. A non-finite norm leaves the gradients as they
     * are and is returned, for the caller's NaN guard.
     *
     * @return the norm n before clipping
     */
    public static double clipGlobalNorm(List<Param> params, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm))
            throw new IllegalArgumentException("max norm must be finite and > 0, got " + maxNorm);
        double sq = 0;
        for (Param p : params) if (p.isTrainable()) {
            double n = p.grad().norm2Number().doubleValue();
            sq += n * n;
        }
        double norm = Math.sqrt(sq);
        double scale = maxNorm / (norm + 1e-6);
        if (scale < 1)
            for (Param p : params) if (p.isTrainable()) p.grad().muli(scale);
        return norm;
    }

    /** Clamps every trainable parameter in place into {@code [min, max]}; buffers are left alone. */
    public static void clampWeights(List<Param> params, double min, double max) {
        if (!(min <= max)) throw new IllegalArgumentException("clamp needs min <= max, got min " + min + ", max " + max);
        for (Param p : params)
            if (p.isTrainable()) Transforms.max(Transforms.min(p.value(), max, false), min, false);
    }
}

package org.snnlab.layer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Quantization-aware training of weights to k bits (Jacob et al. 2018; as Brevitas' default
 * {@code Int8WeightPerTensorFloat} with {@code bit_width = k}): symmetric, per tensor, narrow range,
 * scale from the maximum magnitude,
 * <pre>  q_max = 2^(k-1) - 1,  s = max|w| / q_max,  w_q = s * round(w / s)   (integers in [-q_max, q_max])</pre>
 * so a tensor takes at most {@code 2^k - 1} distinct values. The forward pass uses {@code w_q}; the
 * backward pass is the straight-through estimator {@code dL/dw = dL/dw_q} (with a max-abs scale no
 * weight is clipped, so the STE passes every gradient unchanged). The full-precision weights stay the
 * trained parameters.
 */
public final class WeightQuantizer {
    private final int bits;

    public WeightQuantizer(int bits) {
        if (bits < 2 || bits > 16) throw new IllegalArgumentException("quantization bits must be in [2, 16], got " + bits);
        this.bits = bits;
    }

    public int bits() { return bits; }

    /** {@code 2^(k-1) - 1}. */
    public int qmax() { return (1 << (bits - 1)) - 1; }

    /** The per-tensor scale {@code max|w| / q_max} (1 for an all-zero tensor). */
    public double scale(INDArray w) {
        double m = w.amaxNumber().doubleValue();
        return m == 0 ? 1.0 : m / qmax();
    }

    /** {@code s * round(w / s)}, a new array. */
    public INDArray quantize(INDArray w) {
        double s = scale(w);
        return Transforms.round(w.div(s), false).muli(s);
    }

    /** The integer levels {@code round(w / s)} (for export to integer hardware). */
    public int[] levels(INDArray w) {
        double s = scale(w);
        double[] v = w.dup('c').reshape(w.length()).toDoubleVector();
        int[] q = new int[v.length];
        for (int i = 0; i < v.length; i++) q[i] = (int) Math.round(v[i] / s);
        return q;
    }

    public String describe() {
        return "int" + bits + "(symmetric, per-tensor, max-abs scale, STE)";
    }
}

package org.snnlab.interop;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Param;
import org.snnlab.layer.BatchNorm;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.layer.WeightQuantizer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Dense and Conv2d to NIR's {@code Affine} / {@code Linear} / {@code Conv2d} nodes and back, with a
 * following BatchNorm folded in and quantized weights described (see {@link NirExport}).
 * Layouts: snnlab Dense {@code W[in, out]} = NIR {@code weight[out, in]^T}; snnlab Conv2d
 * {@code w[i, j, c, o]} = NIR {@code weight[o, c, i, j]} (both cross-correlations, as PyTorch).
 */
final class NirSynapses {
    private NirSynapses() { }

    /** An [out]-long view of per-output-channel BatchNorm folding: multiplier m and added shift. */
    private record Fold(double[] m, double[] shift) {
        static Fold of(BatchNorm bn, int out, String where) {
            double[] gamma = param(bn, Param.Role.SCALE, null), beta = param(bn, Param.Role.SHIFT, null);
            double[] mu = param(bn, Param.Role.BUFFER, "running_mean"), var = param(bn, Param.Role.BUFFER, "running_var");
            double eps = ((Number) bn.spec().get("eps")).doubleValue();
            if (gamma.length != out)
                throw new IllegalArgumentException(where + ": BatchNorm has " + gamma.length + " channels, the layer before it " + out);
            double[] m = new double[out], s = new double[out];
            for (int o = 0; o < out; o++) {
                m[o] = gamma[o] / Math.sqrt(var[o] + eps);
                s[o] = beta[o] - m[o] * mu[o];
            }
            return new Fold(m, s);
        }

        private static double[] param(BatchNorm bn, Param.Role role, String name) {
            for (Param p : bn.params())
                if (p.role() == role && (name == null || p.name().equals(name))) return NirNeurons.doubles(p.value());
            throw new IllegalStateException("BatchNorm has no " + role + " " + name);
        }
    }

    static NirNode dense(Dense d, BatchNorm bn, String bnName) {
        INDArray w = d.quantizer() == null ? d.weight().value() : d.quantizer().quantize(d.weight().value());
        INDArray nirW = w.transpose(); // [out, in]
        int out = (int) nirW.size(0);
        double[] wq = NirNeurons.doubles(nirW), b = d.bias() == null ? new double[out] : NirNeurons.doubles(d.bias().value());
        return synapse(bn == null && d.bias() == null ? "Linear" : "Affine", wq, b, nirW.shape(), d.quantizer(), d.weight().value(),
                bn == null ? null : Fold.of(bn, out, bnName), bnName, new LinkedHashMap<>(), d.bias() != null);
    }

    static NirNode conv(Conv2d c, long[] in, BatchNorm bn, String bnName) {
        INDArray w = c.quantizer() == null ? c.weight().value() : c.quantizer().quantize(c.weight().value());
        INDArray nirW = w.permute(3, 2, 0, 1); // [kH,kW,Cin,Cout] -> (Cout,Cin,kH,kW)
        int out = (int) nirW.size(0);
        double[] wq = NirNeurons.doubles(nirW), b = c.bias() == null ? new double[out] : NirNeurons.doubles(c.bias().value());
        Map<String, Object> f = new LinkedHashMap<>();
        long s = ((Number) c.spec().get("stride")).longValue(), p = ((Number) c.spec().get("padding")).longValue();
        f.put("stride", NirArray.ints(s, s));
        f.put("padding", NirArray.ints(p, p));
        f.put("dilation", NirArray.ints(1, 1));
        f.put("groups", NirArray.scalar(1L));
        f.put("input_shape", NirArray.ints(in[1], in[2]));
        return synapse("Conv2d", wq, b, nirW.shape(), c.quantizer(), c.weight().value(),
                bn == null ? null : Fold.of(bn, out, bnName), bnName, f, c.bias() != null);
    }

    /** weight (row-major, leading dimension = output channel) and bias with the fold applied, plus the quantization metadata. */
    private static NirNode synapse(String type, double[] wq, double[] b, long[] shape, WeightQuantizer q, INDArray raw,
                                   Fold fold, String bnName, Map<String, Object> extra, boolean hasBias) {
        int out = (int) shape[0], per = wq.length / out;
        double[] w = wq.clone();
        if (fold != null)
            for (int o = 0; o < out; o++) {
                for (int k = 0; k < per; k++) w[o * per + k] *= fold.m[o];
                b[o] = fold.m[o] * b[o] + fold.shift[o];
            }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("weight", NirArray.f32(shape, w));
        if (!type.equals("Linear")) f.put("bias", NirArray.f32(new long[]{out}, b));
        f.putAll(extra);
        Map<String, Object> m = new LinkedHashMap<>();
        if (fold != null) m.put("folded_batch_norm", bnName);
        if (type.equals("Conv2d") && !hasBias && fold == null) m.put("has_bias", NirArray.scalar(0L));
        if (q != null) {
            double s = q.scale(raw);
            double[] levels = new double[wq.length], scale = new double[out];
            for (int i = 0; i < wq.length; i++) levels[i] = Math.round(wq[i] / s);
            for (int o = 0; o < out; o++) scale[o] = fold == null ? s : s * fold.m[o];
            m.put("quant_bits", NirArray.scalar((long) q.bits()));
            m.put("weight_levels", new NirArray(shape, levels, NirArray.Kind.INT64));
            m.put("weight_scale", NirArray.f64(new long[]{out}, scale));
        }
        return NirNode.of(type, f, m);
    }

    static NirArray f32(INDArray a) {
        return NirArray.f32(a.shape(), NirNeurons.doubles(a));
    }

    // ---------------------------------------------------------------- import

    /** An Affine / Linear node after {@code inFeatures} features. */
    static Dense dense(NirFields f, long inFeatures, DataType dtype) {
        NirArray w = f.array("weight");
        long[] s = w.shape();
        if (s.length != 2) throw f.error("weight", "has shape " + Arrays.toString(s) + ", expected (out, in)");
        if (s[1] != inFeatures) throw f.error("weight", "has shape " + Arrays.toString(s) + " but its input has " + inFeatures + " features");
        boolean affine = f.type().equals("Affine");
        Dense d = new Dense((int) s[1], (int) s[0], affine, dtype, new SplittableRandom(0));
        d.weight().value().assign(Nd4j.createFromArray(w.values()).castTo(dtype).reshape('c', s[0], s[1]).transpose());
        if (affine) d.bias().value().assign(bias(f, (int) s[0], dtype).reshape(d.bias().value().shape()));
        Integer bits = quantBits(f);
        return bits == null ? d : d.quantized(new WeightQuantizer(bits));
    }

    /** A Conv2d node on a {@code (C, H, W)} input. */
    static Conv2d conv(NirFields f, long[] in, DataType dtype) {
        NirArray w = f.array("weight");
        long[] s = w.shape();
        if (s.length != 4) throw f.error("weight", "has shape " + Arrays.toString(s) + ", expected (Cout, Cin, kH, kW)");
        if (in.length != 3 || in[0] != s[1])
            throw f.error("weight", "has shape " + Arrays.toString(s) + " but its input is " + Arrays.toString(in) + " (C, H, W)");
        if (s[2] != s[3]) throw f.error("weight", "has a " + s[2] + "x" + s[3] + " kernel; snnlab's Conv2d is square");
        long[] stride = f.ints("stride", 2), dil = f.has("dilation") ? f.ints("dilation", 2) : new long[]{1, 1};
        if (stride[0] != stride[1]) throw f.error("stride", "is " + Arrays.toString(stride) + "; snnlab's Conv2d needs equal strides");
        if (dil[0] != 1 || dil[1] != 1) throw f.error("dilation", "is " + Arrays.toString(dil) + "; only 1 is supported");
        if (f.has("groups") && f.ints("groups", 1)[0] != 1) throw f.error("groups", "must be 1");
        long pad = padding(f, s[2], stride[0]);
        boolean hasBias = !(f.metaArray("has_bias") != null && f.metaArray("has_bias").get(0) == 0);
        Conv2d c = new Conv2d((int) s[1], (int) s[0], (int) s[2], (int) stride[0], (int) pad, hasBias, dtype, new SplittableRandom(0));
        c.weight().value().assign(Nd4j.createFromArray(w.values()).castTo(dtype).reshape('c', s).permute(2, 3, 1, 0));
        INDArray b = bias(f, (int) s[0], dtype);
        if (hasBias) c.bias().value().assign(b.reshape(c.bias().value().shape()));
        else if (b.amaxNumber().doubleValue() != 0) throw f.error("bias", "is not 0 but metadata/has_bias says there is none");
        Integer bits = quantBits(f);
        return bits == null ? c : c.quantized(new WeightQuantizer(bits));
    }

    private static long padding(NirFields f, long k, long stride) {
        String p = f.string("padding");
        if ("valid".equals(p)) return 0;
        if ("same".equals(p)) {
            if (stride != 1 || k % 2 == 0) throw f.error("padding", "'same' needs stride 1 and an odd kernel here");
            return (k - 1) / 2;
        }
        if (p != null) throw f.error("padding", "'" + p + "' is not same, valid or integers");
        long[] v = f.ints("padding", 2);
        if (v[0] != v[1]) throw f.error("padding", "is " + Arrays.toString(v) + "; snnlab's Conv2d needs equal padding");
        if (v[0] < 0) throw f.error("padding", "must be >= 0");
        return v[0];
    }

    private static INDArray bias(NirFields f, int out, DataType dtype) {
        NirArray b = f.array("bias");
        if (b.size() != out) throw f.error("bias", "has shape " + Arrays.toString(b.shape()) + ", expected (" + out + ")");
        return Nd4j.createFromArray(b.values()).castTo(dtype);
    }

    /** The bit width to train on with (quantization-aware) when the node says its weights are quantized and unfolded. */
    private static Integer quantBits(NirFields f) {
        NirArray bits = f.metaArray("quant_bits");
        if (bits == null || f.meta("folded_batch_norm") != null) return null;
        int k = (int) bits.get(0);
        if (k < 2 || k > 16) throw f.error("metadata/quant_bits", "must be 2..16, got " + k);
        return k;
    }
}

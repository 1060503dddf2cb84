package org.snnlab.layer;

import org.snnlab.core.Layer;
import org.snnlab.core.Forward;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.LinkedHashMap;
import java.util.Map;

/** Shared code of the 2-D pooling layers (kernel = stride, no padding, NCHW, libnd4j ops). */
abstract class Pool2d implements Layer {
    private final int k;

    Pool2d(int kernel) {
        if (kernel < 1) throw new IllegalArgumentException("pool kernel must be >= 1, got " + kernel);
        this.k = kernel;
    }

    abstract String op();

    /** kH, kW, sH, sW, pH, pW, dH, dW, same mode, extra (avg: divide by the full kernel area), NCHW. */
    private int[] args() {
        return new int[]{k, k, k, k, 0, 0, 1, 1, 0, 1, 0};
    }

    @Override
    public Forward forward(Seq input, Pass pass) {
        long[] s = input.data().shape();
        if (s.length != 4) throw new IllegalArgumentException(type() + " expects [rows, C, H, W], got " + java.util.Arrays.toString(s));
        long[] o = outputShape(new long[]{s[1], s[2], s[3]});
        INDArray x = input.data();
        INDArray y = Nd4j.createUninitialized(x.dataType(), s[0], o[0], o[1], o[2]);
        Ops.exec(op(), new INDArray[]{x}, new INDArray[]{y}, args());
        Seq out = new Seq(y, input.steps(), input.isStatic());
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                Ops.checkLayout(type(), grad, input);
                if (!needInputGrad) return null;
                INDArray gx = x.ulike();
                Ops.exec(op() + "_bp", new INDArray[]{x, grad.data()}, new INDArray[]{gx}, args());
                return new Seq(gx, input.steps(), input.isStatic());
            }
        };
    }

    @Override
    public long[] outputShape(long[] in) {
        if (in[1] < k || in[2] < k) throw new IllegalArgumentException(type() + " kernel " + k + " larger than " + in[1] + "x" + in[2]);
        return new long[]{in[0], in[1] / k, in[2] / k};
    }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", k);
        m.put("stride", k);
        return m;
    }
}

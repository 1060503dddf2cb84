package org.snnlab.layer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.Map;

/**
 * Zero padding of {@code p} pixels on every side of a {@code [C, H, W]} map (Fashion-MNIST 28x28 to
 * 32x32 with p = 2); the gradient is the centre crop.
 */
public final class Pad2d implements Layer {
    private final int pad;

    public Pad2d(int pad) {
        if (pad < 0) throw new IllegalArgumentException("padding must be >= 0, got " + pad);
        this.pad = pad;
    }

    @Override
    public Forward forward(Seq input, Pass pass) {
        INDArray x = input.data();
        if (x.rank() != 4) throw new IllegalArgumentException("Pad2d expects [rows, C, H, W], got " + java.util.Arrays.toString(x.shape()));
        INDArray y = Nd4j.zeros(x.dataType(), x.size(0), x.size(1), x.size(2) + 2L * pad, x.size(3) + 2L * pad);
        INDArrayIndex[] centre = {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(pad, pad + x.size(2)),
                NDArrayIndex.interval(pad, pad + x.size(3))};
        y.get(centre).assign(x);
        Seq out = new Seq(y, input.steps(), input.isStatic());
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                if (!needInputGrad) return null;
                Ops.checkLayout("Pad2d", grad, input);
                return new Seq(grad.data().get(centre).dup('c'), input.steps(), input.isStatic());
            }
        };
    }

    @Override
    public long[] outputShape(long[] in) { return new long[]{in[0], in[1] + 2L * pad, in[2] + 2L * pad}; }

    @Override
    public String type() { return "Pad2d"; }

    @Override
    public Map<String, Object> spec() { return Map.of("padding", pad); }
}

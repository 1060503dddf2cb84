package org.snnlab.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layer normalisation (Ba, Kiros and Hinton 2016, arXiv 1607.06450) over the channels of each token:
 * the features of {@code [N, F]}, or the channels of each pixel of {@code [N, C, H, W]} (PyTorch's
 * {@code nn.LayerNorm(C)} on channels-last maps, as Sequencer uses it):
 * <pre>  xhat = (x - mean) / sqrt(var + eps),  y = gamma xhat + beta    (biased variance)
 *   dx = (dxhat - mean(dxhat) - xhat mean(dxhat xhat)) / sqrt(var + eps),  dxhat = gamma dy</pre>
 */
public final class LayerNorm implements Layer {
    private final int channels;
    private final double eps;
    private final Param gamma;
    private final Param beta;

    public LayerNorm(int channels, double eps, DataType dtype) {
        if (channels < 1) throw new IllegalArgumentException("LayerNorm channels must be >= 1, got " + channels);
        if (!(eps > 0)) throw new IllegalArgumentException("LayerNorm eps must be > 0, got " + eps);
        this.channels = channels;
        this.eps = eps;
        this.gamma = Param.trainable("gamma", Param.Role.SCALE, Nd4j.ones(dtype, 1, channels));
        this.beta = Param.trainable("beta", Param.Role.SHIFT, Nd4j.zeros(dtype, 1, channels));
    }

    /** Tokens {@code [M, C]} of an {@code [N, C]} or {@code [N, C, H, W]} array (a copy for maps). */
    private INDArray tokens(INDArray x) {
        if (x.rank() == 2) return x;
        return x.permute(0, 2, 3, 1).dup('c').reshape('c', x.length() / channels, channels);
    }

    private static INDArray untokens(INDArray t, long[] shape) {
        if (shape.length == 2) return t;
        return t.reshape('c', shape[0], shape[2], shape[3], shape[1]).permute(0, 3, 1, 2).dup('c');
    }

    @Override
    public Forward forward(Seq input, Pass pass) {
        INDArray x = input.data();
        if ((x.rank() != 2 && x.rank() != 4) || x.size(1) != channels)
            throw new IllegalArgumentException("LayerNorm expects [rows, " + channels + "] or [rows, " + channels + ", H, W], got "
                    + java.util.Arrays.toString(x.shape()));
        INDArray t = tokens(x);
        INDArray mean = t.mean(true, 1);
        INDArray centered = t.subColumnVector(mean);
        INDArray invStd = Transforms.pow(centered.mul(centered).mean(true, 1).addi(eps), -0.5, false);
        INDArray xhat = centered.muliColumnVector(invStd);
        INDArray y = xhat.mulRowVector(gamma.value()).addiRowVector(beta.value());
        Seq out = new Seq(untokens(y, x.shape()), input.steps(), input.isStatic());
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                Ops.checkLayout("LayerNorm", grad, input);
                INDArray g = tokens(grad.data());
                INDArray ones = Nd4j.ones(g.dataType(), 1, g.size(0));
                gamma.grad().addi(ones.mmul(g.mul(xhat)));
                beta.grad().addi(ones.mmul(g));
                if (!needInputGrad) return null;
                INDArray dxhat = g.mulRowVector(gamma.value());
                INDArray m1 = dxhat.mean(true, 1), m2 = dxhat.mul(xhat).mean(true, 1);
                INDArray dx = dxhat.subColumnVector(m1).subi(xhat.mulColumnVector(m2)).muliColumnVector(invStd);
                return new Seq(untokens(dx, x.shape()), input.steps(), input.isStatic());
            }
        };
    }

    @Override
    public long[] outputShape(long[] inputShape) { return inputShape.clone(); }

    @Override
    public List<Param> params() { return List.of(gamma, beta); }

    @Override
    public String type() { return "LayerNorm"; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channels", channels);
        m.put("eps", eps);
        return m;
    }
}

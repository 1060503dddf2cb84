package org.snnlab.layer;

import org.snnlab.core.Layer;
import org.snnlab.core.Forward;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * 2-D convolution over all T*B images of a sequence in ONE libnd4j {@code conv2d} call (NCHW; weights
 * {@code [kH, kW, inC, outC]}): {@code y[n,o] = b[o] + sum_{c,i,j} w[i,j,c,o] x[n,c,s*h+i-p,s*w+j-p]}.
 * A static input (an image shown at every step) is convolved once, not T times. Backward by
 * {@code conv2d_bp}: {@code dW[i,j,c,o] = sum_{n,h,w} x[n,c,s*h+i-p,s*w+j-p] dy[n,o,h,w]},
 * {@code db[o] = sum_{n,h,w} dy[n,o,h,w]}; the op always writes the input gradient (a required output,
 * no flag to skip it), so with {@code needInputGrad = false} it is computed and dropped. Initialised
 * like PyTorch, {@code U(+-1/sqrt(inC k^2))}.
 */
public final class Conv2d implements Layer {
    private final int inC;
    private final int outC;
    private final int k;
    private final int stride;
    private final int pad;
    private final Param weight;
    private final Param bias;
    private WeightQuantizer quantizer;
    private String name = "conv2d";

    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias,
                  DataType dtype, SplittableRandom rng) {
        if (inChannels < 1 || outChannels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + inChannels + "->" + outChannels);
        if (kernel < 1) throw new IllegalArgumentException("kernel must be >= 1, got " + kernel);
        if (stride < 1) throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        if (padding < 0) throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        this.inC = inChannels;
        this.outC = outChannels;
        this.k = kernel;
        this.stride = stride;
        this.pad = padding;
        long fanIn = (long) inChannels * kernel * kernel;
        this.weight = Param.trainable("weight", Param.Role.WEIGHT, Init.uniformFanIn(rng, dtype, fanIn, kernel, kernel, inChannels, outChannels));
        this.bias = bias ? Param.trainable("bias", Param.Role.BIAS, Init.uniformFanIn(rng, dtype, fanIn, outChannels)) : null;
    }

    public Param weight() { return weight; }

    /** Trains this layer's weights quantization-aware ({@link WeightQuantizer}); returns this layer. */
    public Conv2d quantized(WeightQuantizer q) {
        this.quantizer = q;
        return this;
    }

    public WeightQuantizer quantizer() { return quantizer; }

    public Param bias() { return bias; }

    private int[] args() {
        return new int[]{k, k, stride, stride, pad, pad, 1, 1, 0, 0, 0};
    }

    @Override
    public Forward forward(Seq input, Pass pass) {
        long[] s = input.data().shape();
        if (s.length != 4 || s[1] != inC)
            throw new IllegalArgumentException("Conv2d expects [rows, " + inC + ", H, W], got " + java.util.Arrays.toString(s));
        long[] o = outputShape(new long[]{s[1], s[2], s[3]});
        INDArray x = input.data();
        OpTally.conv(pass, name, input, x, outC, k, stride, pad);
        INDArray w = quantizer == null ? weight.value() : quantizer.quantize(weight.value());
        INDArray y = Nd4j.createUninitialized(x.dataType(), s[0], o[0], o[1], o[2]);
        Ops.exec("conv2d", inputs(x, w), new INDArray[]{y}, args());
        Seq out = new Seq(y, input.steps(), input.isStatic());
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                Ops.checkLayout("Conv2d", grad, input);
                INDArray g = grad.data();
                INDArray gx = x.ulike();
                INDArray gw = weight.value().ulike();
                INDArray[] outs = bias == null ? new INDArray[]{gx, gw} : new INDArray[]{gx, gw, bias.value().ulike()};
                INDArray[] ins = bias == null ? new INDArray[]{x, w, g} : new INDArray[]{x, w, bias.value(), g};
                Ops.exec("conv2d_bp", ins, outs, args());
                weight.grad().addi(gw);
                if (bias != null) bias.grad().addi(outs[2]);
                return needInputGrad ? new Seq(gx, input.steps(), input.isStatic()) : null;
            }
        };
    }

    private INDArray[] inputs(INDArray x, INDArray w) {
        return bias == null ? new INDArray[]{x, w} : new INDArray[]{x, w, bias.value()};
    }

    @Override
    public long[] outputShape(long[] in) {
        long h = (in[1] + 2L * pad - k) / stride + 1, w = (in[2] + 2L * pad - k) / stride + 1;
        if (h < 1 || w < 1) throw new IllegalArgumentException("Conv2d k=" + k + " does not fit input " + in[1] + "x" + in[2]);
        return new long[]{outC, h, w};
    }

    @Override
    public List<Param> params() {
        List<Param> p = new ArrayList<>(List.of(weight));
        if (bias != null) p.add(bias);
        return p;
    }

    @Override
    public String type() { return "Conv2d"; }

    @Override
    public void bindName(String n) { this.name = n; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("in_channels", inC);
        m.put("out_channels", outC);
        m.put("kernel", k);
        m.put("stride", stride);
        m.put("padding", pad);
        m.put("bias", bias != null);
        if (quantizer != null) m.put("quantization", quantizer.describe());
        return m;
    }
}

package org.snnlab.layer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.Map;

/**
 * The Gaussian error linear unit (Hendrycks and Gimpel 2016, arXiv 1606.08415), exact (erf) form as
 * PyTorch's {@code nn.GELU()}: {@code y = x Phi(x) = x (1 + erf(x / sqrt 2)) / 2}; backward
 * {@code dy/dx = Phi(x) + x phi(x)}, {@code phi(x) = exp(-x^2 / 2) / sqrt(2 pi)}. Element-wise, any shape.
 */
public final class Gelu implements Layer {

    static INDArray phiCdf(INDArray x) {
        INDArray e = x.mul(1 / Math.sqrt(2));
        Nd4j.exec(new Erf(e, e));
        return e.addi(1).muli(0.5);
    }

    @Override
    public Forward forward(Seq input, Pass pass) {
        INDArray x = input.data();
        INDArray cdf = phiCdf(x);
        Seq out = new Seq(x.mul(cdf), input.steps(), input.isStatic());
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                if (!needInputGrad) return null;
                Ops.checkLayout("Gelu", grad, input);
                INDArray pdf = Transforms.exp(x.mul(x).muli(-0.5), false).muli(1 / Math.sqrt(2 * Math.PI));
                INDArray d = pdf.muli(x).addi(cdf);
                return new Seq(grad.data().mul(d), input.steps(), input.isStatic());
            }
        };
    }

    @Override
    public long[] outputShape(long[] inputShape) { return inputShape.clone(); }

    @Override
    public String type() { return "Gelu"; }

    @Override
    public Map<String, Object> spec() { return Map.of("form", "erf"); }
}

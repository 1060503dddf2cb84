package org.snnlab.layer;

import org.snnlab.core.Layer;
import org.snnlab.core.Forward;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.Map;

/** {@code [rows, C, H, W] -> [rows, C*H*W]} (C order, as torch's flatten(1)). */
public final class Flatten implements Layer {
    @Override
    public Forward forward(Seq input, Pass pass) {
        long[] shape = input.featureShape();
        Seq out = input.reshapeFeatures(input.features());
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                return needInputGrad ? grad.reshapeFeatures(shape) : null;
            }
        };
    }

    @Override
    public long[] outputShape(long[] in) {
        long n = 1;
        for (long d : in) n *= d;
        return new long[]{n};
    }

    @Override
    public String type() { return "Flatten"; }

    @Override
    public Map<String, Object> spec() { return Map.of(); }
}

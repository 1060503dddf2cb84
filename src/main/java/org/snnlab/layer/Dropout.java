package org.snnlab.layer;

import org.snnlab.core.Layer;
import org.snnlab.core.Forward;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.Map;

/**
 * Inverted dropout with ONE mask per example and feature, the same at every time step (a neuron is
 * dropped for the whole sequence, as in snnTorch tutorials run in multi-step form):
 * {@code y_t = x_t * m / (1 - p)}, {@code m ~ Bernoulli(1 - p)}. Identity in inference. Masks come from
 * the pass's random stream, so runs are reproducible and resumable.
 */
public final class Dropout implements Layer {
    private final double p;

    public Dropout(double p) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("dropout p must be in [0, 1), got " + p);
        this.p = p;
    }

    @Override
    public Forward forward(Seq input, Pass pass) {
        if (!pass.training() || p == 0) return identity(input);
        int b = input.batch();
        long f = input.features();
        INDArray mask = mask(b * f, pass.rng(), input.data().dataType());
        Seq out = apply(input, mask);
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                return needInputGrad ? apply(grad, mask) : null;
            }
        };
    }

    /**
     * {@code [1, n]} of {@code 0} (probability p) or {@code 1/(1-p)}, drawn in double so a double model
     * gets the exact scale (a float mask would round it).
     */
    private INDArray mask(long n, java.util.SplittableRandom rng, org.nd4j.linalg.api.buffer.DataType dtype) {
        double[] m = new double[Math.toIntExact(n)];
        double keep = 1 / (1 - p);
        for (int i = 0; i < m.length; i++) m[i] = rng.nextDouble() < p ? 0 : keep;
        return Nd4j.create(m, new long[]{1, n}, 'c').castTo(dtype);
    }

    /** Multiplies every step's {@code [B, F]} block by the mask. */
    private static Seq apply(Seq s, INDArray mask) {
        int steps = s.isStatic() ? 1 : s.steps();
        INDArray rows = s.data().dup('c').reshape('c', steps, mask.length());
        rows.muliRowVector(mask);
        return new Seq(rows.reshape('c', s.data().shape()), s.steps(), s.isStatic());
    }

    private static Forward identity(Seq input) {
        return new Forward() {
            public Seq output() { return input; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                return needInputGrad ? grad : null;
            }
        };
    }

    @Override
    public long[] outputShape(long[] in) { return in.clone(); }

    @Override
    public String type() { return "Dropout"; }

    @Override
    public Map<String, Object> spec() { return Map.of("p", p); }
}

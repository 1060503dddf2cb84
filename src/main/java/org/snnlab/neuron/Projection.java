package org.snnlab.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The projection Omega of Yao et al. 2023 (arXiv 2401.10843) that merges two carried membranes into
 * the one a multi-receptive-field neuron continues from at its next window: in the authors' CNN code
 * {@code m2(k) = decay * Omega(m1(k-1), m2(k-1)) + I2(k)}, a = the first spiking layer's carried
 * membrane, b = the second's. Implementations: {@link #sine(double)}, {@link #mean()}, {@link #none()}.
 */
public interface Projection {

    /** {@code Omega(a, b)}, a new array. */
    INDArray apply(INDArray a, INDArray b);

    /** {@code {dL/da, dL/db}} given {@code g = dL/dOmega}. */
    INDArray[] grad(INDArray a, INDArray b, INDArray g);

    /** The name as {@link #parse(String)} reads it, e.g. {@code sine:0.785}. */
    String describe();

    /** The paper's default angle, pi/4. */
    double DEFAULT_THETA = Math.PI / 4;

    /**
     * {@code Omega(a, b) = 2 sin(theta a cos(theta b))} (CIFAR-10 code); {@code dOmega/da = 2 theta cos(theta b) cos(u)},
     * {@code dOmega/db = -2 theta^2 a sin(theta b) cos(u)}, {@code u = theta a cos(theta b)}.
     */
    static Projection sine(double theta) {
        if (!(theta > 0) || Double.isInfinite(theta)) throw new IllegalArgumentException("--omega sine angle must be > 0, got " + theta);
        return new Projection() {
            public INDArray apply(INDArray a, INDArray b) {
                INDArray u = Transforms.cos(b.mul(theta), false).muli(a).muli(theta);
                return Transforms.sin(u, false).muli(2);
            }

            public INDArray[] grad(INDArray a, INDArray b, INDArray g) {
                INDArray cb = Transforms.cos(b.mul(theta), false), sb = Transforms.sin(b.mul(theta), false);
                INDArray cu = Transforms.cos(cb.mul(a).muli(theta), false).muli(g).muli(2 * theta);
                return new INDArray[]{cu.mul(cb), cu.muli(sb).muli(a).muli(-theta)};
            }

            public String describe() { return "sine:" + theta; }
        };
    }

    /** {@code Omega(a, b) = (a + b) / 2} (CIFAR-100 code). */
    static Projection mean() {
        return new Projection() {
            public INDArray apply(INDArray a, INDArray b) { return a.add(b).muli(0.5); }

            public INDArray[] grad(INDArray a, INDArray b, INDArray g) { return new INDArray[]{g.mul(0.5), g.mul(0.5)}; }

            public String describe() { return "mean"; }
        };
    }

    /** No projection: the second layer carries its own membrane, {@code Omega(a, b) = b}. */
    static Projection none() {
        return new Projection() {
            public INDArray apply(INDArray a, INDArray b) { return b.dup(); }

            public INDArray[] grad(INDArray a, INDArray b, INDArray g) { return new INDArray[]{null, g.dup()}; }

            public String describe() { return "none"; }
        };
    }

    /**
     * {@code sine[:THETA]} (theta in radians, default pi/4), {@code mean} or {@code none}.
     *
     * @throws IllegalArgumentException one line naming the bad value
     */
    static Projection parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("mean")) return mean();
        if (t.equals("none")) return none();
        if (t.equals("sine")) return sine(DEFAULT_THETA);
        if (t.startsWith("sine:")) {
            try {
                return sine(Double.parseDouble(t.substring(5)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--omega sine:THETA needs a number, got '" + s + "'");
            }
        }
        throw new IllegalArgumentException("--omega must be sine[:THETA], mean or none, got '" + s + "'");
    }
}

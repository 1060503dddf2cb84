package org.snnlab.testing;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Central finite-difference gradient checks in double precision. The scalar probed is
 * {@code L = sum(output .* R)} with a fixed random R, so every output element's gradient is exercised.
 * Errors are norm-relative: {@code ||a - n|| / (||a|| + ||n||)}.
 */
public final class GradCheck {
    public static final double EPS = 1e-6;

    private GradCheck() { }

    /**
     * Norm-relative error between two arrays; 0 when both are below finite-difference noise
     * ({@code 1e-7}), e.g. a bias feeding a batch norm, whose true gradient is exactly zero.
     */
    public static double relError(INDArray a, INDArray n) {
        double num = a.sub(n).norm2Number().doubleValue();
        double den = a.norm2Number().doubleValue() + n.norm2Number().doubleValue();
        return den < 1e-7 ? 0 : num / den;
    }

    /** All values of an array of any rank, C order. */
    public static double[] values(INDArray a) {
        return a.dup('c').reshape(a.length()).toDoubleVector();
    }

    /** Numeric gradient of {@code f} with respect to every element of {@code x} (perturbed in place). */
    public static INDArray numeric(INDArray x, ToDoubleFunction<INDArray> f) {
        INDArray g = x.ulike().assign(0);
        INDArray flat = x.reshape(x.length());
        for (long i = 0; i < x.length(); i++) {
            double v = flat.getDouble(i);
            flat.putScalar(i, v + EPS);
            double plus = f.applyAsDouble(x);
            flat.putScalar(i, v - EPS);
            double minus = f.applyAsDouble(x);
            flat.putScalar(i, v);
            g.reshape(g.length()).putScalar(i, (plus - minus) / (2 * EPS));
        }
        return g;
    }

    /**
     * Checks a layer's input gradient and each trainable parameter's gradient.
     *
     * @return errors keyed by "input" and parameter names
     */
    public static Map<String, Double> check(Layer layer, Seq input, long seed, boolean training) {
        if (input.data().dataType() != DataType.DOUBLE) throw new IllegalArgumentException("use double precision");
        Forward f = layer.forward(input, pass(seed, training));
        INDArray r = random(f.output().data().shape(), seed + 1);
        for (Param p : layer.params()) if (p.isTrainable()) p.zeroGrad();
        Seq gIn = f.backward(new Seq(r.dup(), f.output().steps(), f.output().isStatic()), true);
        ToDoubleFunction<INDArray> loss = x -> layer.forward(input, pass(seed, training)).output().data().mul(r).sumNumber().doubleValue();
        Map<String, Double> errs = new LinkedHashMap<>();
        errs.put("input", relError(gIn.data(), numeric(input.data(), loss)));
        for (Param p : layer.params()) {
            if (!p.isTrainable()) continue;
            errs.put(p.name(), relError(p.grad(), numeric(p.value(), loss)));
        }
        return errs;
    }

    static Pass pass(long seed, boolean training) {
        return new Pass(training, new SplittableRandom(seed), null);
    }

    /** Uniform(-1, 1) doubles with a seed. */
    public static INDArray random(long[] shape, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long n = 1;
        for (long d : shape) n *= d;
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextDouble() * 2 - 1;
        return org.nd4j.linalg.factory.Nd4j.createFromArray(v).reshape('c', shape);
    }
}

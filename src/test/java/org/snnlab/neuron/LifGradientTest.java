package org.snnlab.neuron;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.testing.GradCheck;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tier 2: BPTT of the LIF layer against central finite differences (double, smooth spike function so
 * that the surrogate IS the derivative), and the fused and SIMD kernels against their pure-ND4J twin,
 * forced or chosen by the compute options.
 */
class LifGradientTest {
    static final Surrogate SMOOTH = Surrogates.sigmoid(4);

    static LifConfig smooth(ResetMode r) {
        return LifConfig.of(0.8, 1.0).withReset(r).withSurrogate(SMOOTH).withSpikeFn(SpikeFn.SMOOTH)
                .withLearnThreshold(true).withLearnBeta(true);
    }

    static Seq input(boolean isStatic, int T, int B, int N, long seed) {
        INDArray x = GradCheck.random(isStatic ? new long[]{B, N} : new long[]{(long) T * B, N}, seed).muli(1.5).addi(0.5);
        return new Seq(x, T, isStatic);
    }

    static void assertSmall(Map<String, Double> errs) {
        errs.forEach((k, v) -> System.out.printf("gradcheck Lif %s %.2e%n", k, v));
        errs.forEach((k, v) -> assertTrue(v < 1e-6, k + " rel error " + v));
    }

    @Test
    void everyResetModeOutputAndInputLayoutMatchesFiniteDifferences() {
        for (ResetMode r : ResetMode.values())
            for (LifConfig.Output o : LifConfig.Output.values())
                for (boolean st : new boolean[]{false, true}) {
                    Lif lif = new Lif(3, smooth(r).withOutput(o), DataType.DOUBLE);
                    Map<String, Double> e = GradCheck.check(lif, input(st, 5, 2, 3, 11), 3, true);
                    assertEquals(3, e.size(), "input, threshold and beta checked");
                    assertSmall(e);
                }
    }

    @Test
    void fastSigmoidSurrogateAlsoChecks() {
        LifConfig cfg = smooth(ResetMode.SUBTRACT).withSurrogate(Surrogates.fastSigmoid(2));
        assertSmall(GradCheck.check(new Lif(3, cfg, DataType.DOUBLE), input(false, 6, 2, 3, 5), 1, true));
    }

    @Test
    void detachedResetIsNotTheTrueGradientSoTheCheckBites() {
        LifConfig cfg = smooth(ResetMode.SUBTRACT).withDetachReset(true).withLearnBeta(false).withLearnThreshold(false);
        double err = GradCheck.check(new Lif(3, cfg, DataType.DOUBLE), input(false, 6, 2, 3, 5), 1, true).get("input");
        assertTrue(err > 1e-3, "detaching the reset changes the gradient, error " + err);
    }

    @Test
    void fastSigmoidEveryResetModeAndDetachForNone() {
        // fast sigmoid has a kink in its grad at u = theta; random inputs never land within 1e-6 of it
        for (ResetMode r : ResetMode.values())
            for (boolean st : new boolean[]{false, true}) {
                LifConfig cfg = smooth(r).withSurrogate(Surrogates.fastSigmoid(2));
                assertSmall(GradCheck.check(new Lif(3, cfg, DataType.DOUBLE), input(st, 6, 2, 3, 7), 1, true));
            }
        // NONE has no reset, so detaching it changes nothing: still the true gradient
        LifConfig none = smooth(ResetMode.NONE).withDetachReset(true).withOutput(LifConfig.Output.MEMBRANE);
        assertSmall(GradCheck.check(new Lif(3, none, DataType.DOUBLE), input(false, 6, 2, 3, 7), 1, true));
    }

    /**
     * detachReset is not the derivative of the forward pass, so a plain finite-difference check cannot
     * hold it. It IS the derivative of the same recurrence with the spikes inside the reset term frozen
     * at the values of the unperturbed pass (snnTorch's {@code spk.detach()}): finite differences of
     * that reference ({@link #reference}, an independent scalar implementation) must match the layer's
     * detached gradients, for every reset mode, both outputs and both input layouts. Without freezing,
     * the reference must reproduce the layer's forward pass.
     */
    @Test
    void detachedResetEqualsFiniteDifferencesWithFrozenResetSpikes() {
        int T = 6, B = 2, N = 3;
        for (ResetMode r : ResetMode.values())
            for (LifConfig.Output o : LifConfig.Output.values())
                for (boolean st : new boolean[]{false, true}) {
                    String what = "detached " + r + " " + o + (st ? " static" : "");
                    LifConfig cfg = smooth(r).withDetachReset(true).withOutput(o);
                    Lif lif = new Lif(N, cfg, DataType.DOUBLE);
                    lif.beta().assign(Nd4j.createFromArray(0.8, 0.6, 0.95));
                    lif.threshold().assign(Nd4j.createFromArray(1.0, 0.7, 1.2));
                    Seq in = input(st, T, B, N, 23);
                    var f = lif.forward(in, Pass.eval());
                    double[] x = GradCheck.values(in.data()), beta = GradCheck.values(lif.beta()), thr = GradCheck.values(lif.threshold());
                    boolean mem = o == LifConfig.Output.MEMBRANE;
                    // the reference reproduces the layer's forward pass
                    double[] out = reference(x, st, T, B, N, beta, thr, r, null, mem);
                    assertArrayEquals(GradCheck.values(f.output().data()), out, 1e-12, what + " forward");
                    double[] frozen = reference(x, st, T, B, N, beta, thr, r, null, false);
                    double[] rr = GradCheck.values(GradCheck.random(f.output().data().shape(), 31));
                    java.util.function.Supplier<Double> loss = () -> {
                        double[] y = reference(x, st, T, B, N, beta, thr, r, frozen, mem);
                        double l = 0;
                        for (int i = 0; i < y.length; i++) l += y[i] * rr[i];
                        return l;
                    };
                    lif.params().forEach(p -> p.zeroGrad());
                    INDArray gIn = f.backward(Seq.of(Nd4j.createFromArray(rr).reshape(f.output().data().shape()), T), true).data();
                    Map<String, Double> e = new java.util.LinkedHashMap<>();
                    e.put("input", GradCheck.relError(gIn, Nd4j.createFromArray(numeric(x, loss)).reshape(gIn.shape())));
                    e.put("threshold", GradCheck.relError(lif.params().get(0).grad(), Nd4j.createFromArray(numeric(thr, loss))));
                    e.put("beta", GradCheck.relError(lif.params().get(1).grad(), Nd4j.createFromArray(numeric(beta, loss))));
                    e.forEach((k, v) -> System.out.printf("gradcheck Lif %s %s %.2e%n", what, k, v));
                    e.forEach((k, v) -> assertTrue(v < 1e-6, what + " " + k + " rel error " + v));
                }
    }

    /** Central differences of {@code loss} with respect to every entry of {@code v} (perturbed in place). */
    static double[] numeric(double[] v, java.util.function.Supplier<Double> loss) {
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double keep = v[i];
            v[i] = keep + GradCheck.EPS;
            double plus = loss.get();
            v[i] = keep - GradCheck.EPS;
            double minus = loss.get();
            v[i] = keep;
            g[i] = (plus - minus) / (2 * GradCheck.EPS);
        }
        return g;
    }

    /**
     * The LIF recurrence in plain scalar code, smooth spikes {@code s = SMOOTH.primitive(u - theta)}. When
     * {@code frozenSpikes} is given, the reset term uses those spikes instead of the live ones (a detached
     * reset). Returns the spikes, or the membrane when {@code membrane}; layout {@code [T*B*N]}.
     */
    static double[] reference(double[] x, boolean isStatic, int T, int B, int N, double[] beta, double[] thr,
                              ResetMode reset, double[] frozenSpikes, boolean membrane) {
        double[] u = new double[T * B * N], s = new double[T * B * N];
        for (int t = 0; t < T; t++)
            for (int b = 0; b < B; b++)
                for (int n = 0; n < N; n++) {
                    int k = (t * B + b) * N + n, p = k - B * N;
                    double in = isStatic ? x[b * N + n] : x[k];
                    double up = t > 0 ? u[p] : 0, sp = t == 0 ? 0 : frozenSpikes != null ? frozenSpikes[p] : s[p];
                    u[k] = switch (reset) {
                        case SUBTRACT -> beta[n] * up + in - thr[n] * sp;
                        case ZERO -> beta[n] * up * (1 - sp) + in;
                        case NONE -> beta[n] * up + in;
                    };
                    s[k] = SMOOTH.primitive(u[k] - thr[n]);
                }
        return membrane ? u : s;
    }

    @Test
    void fusedKernelEqualsNd4jTwin() {
        everyMode(SpikeFn.values(), (cfg, x, st, what) -> compare(cfg, x, 7, st, what, new FusedLifKernel()));
    }

    /** The SIMD kernel (50 neurons: full vectors and a masked tail) against the ND4J twin. */
    @Test
    void vectorKernelEqualsNd4jTwin() {
        assertTrue(org.snnlab.util.Simd.AVAILABLE, "tests run with --add-modules jdk.incubator.vector (pom argLine)");
        everyMode(new SpikeFn[]{SpikeFn.HEAVISIDE}, (cfg, x, st, what) -> compare(cfg, x, 7, st, what, new VectorLifKernel()));
    }

    /** What the compute options choose: SIMD, fused scalar or ND4J, by the options, the dtype and the spike function. */
    @Test
    void computeOptionsChooseTheKernel() {
        ComputeOptions on = ComputeOptions.defaults();
        assertTrue(on.fused() && on.vector(), "defaults on a CPU with the Vector API: " + on);
        INDArray f = Nd4j.zeros(DataType.FLOAT, 6, 4), d = Nd4j.zeros(DataType.DOUBLE, 6, 4);
        INDArray betaF = Nd4j.ones(DataType.FLOAT, 4), betaD = Nd4j.ones(DataType.DOUBLE, 4);
        LifKernel.Spec heaviside = new LifKernel.Spec(3, 2, 4, false, ResetMode.SUBTRACT, false, SMOOTH, SpikeFn.HEAVISIDE, false, true);
        LifKernel.Spec smoothSpike = new LifKernel.Spec(3, 2, 4, false, ResetMode.SUBTRACT, false, SMOOTH, SpikeFn.SMOOTH, false, true);
        assertInstanceOf(VectorLifKernel.class, Lif.kernelFor(heaviside, f, betaF, on));
        assertInstanceOf(FusedLifKernel.class, Lif.kernelFor(heaviside, f, betaF, on.withVector(false)));
        assertInstanceOf(FusedLifKernel.class, Lif.kernelFor(smoothSpike, f, betaF, on), "SIMD: Heaviside only");
        assertInstanceOf(Nd4jLifKernel.class, Lif.kernelFor(heaviside, f, betaF, on.withFused(false)));
        assertInstanceOf(Nd4jLifKernel.class, Lif.kernelFor(heaviside, d, betaD, on), "double: ND4J");
    }

    /** fused=true (SIMD, and scalar) and fused=false, chosen through the pass's options, agree in every mode. */
    @Test
    void fusedAndNd4jPathsChosenByTheOptionsAgree() {
        ComputeOptions on = ComputeOptions.defaults(), off = on.withFused(false);
        everyMode(SpikeFn.values(), (cfg, x, st, what) -> {
            compare(cfg, x, 7, st, what + " vector", new Lif(50, cfg, DataType.FLOAT), on, new Lif(50, cfg, DataType.FLOAT), off);
            compare(cfg, x, 7, st, what + " scalar", new Lif(50, cfg, DataType.FLOAT), on.withVector(false), new Lif(50, cfg, DataType.FLOAT), off);
        });
    }

    interface ModeCheck { void run(LifConfig cfg, INDArray x, boolean st, String what); }

    /**
     * Every reset, detach, static input, spike function and output mode, with and without learned
     * threshold and beta (without: the kernels may skip their gradients); fast sigmoid and atan.
     */
    static void everyMode(SpikeFn[] fns, ModeCheck check) {
        int T = 7, B = 37, N = 50;
        for (ResetMode r : ResetMode.values())
            for (boolean detach : new boolean[]{false, true})
                for (boolean st : new boolean[]{false, true})
                    for (SpikeFn f : fns)
                        for (LifConfig.Output o : LifConfig.Output.values())
                            for (boolean learn : new boolean[]{true, false}) {
                                Surrogate sur = detach ? Surrogates.atan(2) : Surrogates.fastSigmoid(5);
                                LifConfig cfg = LifConfig.of(0.85, 0.7).withReset(r).withDetachReset(detach).withSpikeFn(f)
                                        .withOutput(o).withSurrogate(sur).withLearnBeta(learn).withLearnThreshold(learn);
                                check.run(cfg, input(st, T, B, N, 17).data().castTo(DataType.FLOAT), st,
                                        r + "/" + detach + "/" + st + "/" + f + "/" + o + "/learn=" + learn);
                            }
    }

    static void compare(LifConfig cfg, INDArray x, int T, boolean st, String what, LifKernel kernel) {
        ComputeOptions any = ComputeOptions.defaults(); // a forced kernel ignores the options
        compare(cfg, x, T, st, what, new Lif(50, cfg, DataType.FLOAT).withKernel(kernel), any,
                new Lif(50, cfg, DataType.FLOAT).withKernel(new Nd4jLifKernel()), any);
    }

    /** {@code fused} on {@code fusedOptions} against {@code twin} on {@code twinOptions}: outputs and every gradient. */
    static void compare(LifConfig cfg, INDArray x, int T, boolean st, String what, Lif fused, ComputeOptions fusedOptions,
                        Lif twin, ComputeOptions twinOptions) {
        Seq in = new Seq(x, T, st);
        var ff = fused.forward(in, Pass.eval().withCompute(fusedOptions));
        var ft = twin.forward(in, Pass.eval().withCompute(twinOptions));
        assertClose(ft.output().data(), ff.output().data(), what + " output");
        INDArray g = GradCheck.random(ff.output().data().shape(), 4).castTo(DataType.FLOAT);
        Seq gf = ff.backward(Seq.of(g.dup(), T), true), gt = ft.backward(Seq.of(g.dup(), T), true);
        assertClose(gt.data(), gf.data(), what + " input grad");
        for (int i = 0; i < twin.params().size(); i++) {
            if (!twin.params().get(i).isTrainable()) continue;
            assertClose(twin.params().get(i).grad(), fused.params().get(i).grad(), what + " " + twin.params().get(i).name());
        }
    }

    static void assertClose(INDArray expected, INDArray actual, String what) {
        double err = GradCheck.relError(actual.castTo(DataType.DOUBLE), expected.castTo(DataType.DOUBLE));
        assertTrue(err < 1e-5, what + ": rel error " + err);
    }
}

package org.snnlab.neuron;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Forward;
import org.snnlab.layer.Init;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Recurrent LIF layer with all-to-all recurrent weights (snnTorch {@code RLeaky(all_to_all=True)}):
 * <pre>  SUBTRACT: u[t] = beta u[t-1] + I[t] + s[t-1] V + b - theta s[t-1]
 *   ZERO:     u[t] = beta u[t-1] (1 - s[t-1]) + I[t] + s[t-1] V + b
 *   NONE:     u[t] = beta u[t-1] + I[t] + s[t-1] V + b
 *   s[t] = H(u[t] - theta),   u[-1] = 0, s[-1] = 0</pre>
 * V is {@code [N, N]} (Param "recurrent", uniform fan-in init, row = presynaptic neuron), b the optional
 * bias {@code [1, N]} (Param "bias"; like snnTorch's {@code nn.Linear} it is added at every step, t = 0
 * included, where {@code recurrent(s[-1] = 0) = b}). beta and theta are per neuron {@code [N]} and
 * trainable when the config says so.
 *
 * <p>The recurrence needs one {@code [B,N] x [N,N]} product per step, so this layer steps through time
 * (pure ND4J ops, any dtype). BPTT with {@code g[t] = dL/du[t]}:
 * <pre>  dL/ds[t] = dL/ds[t]|out + g[t+1] V^T - (reset term: theta g[t+1] | beta u[t] g[t+1], unless detached)
 *   g[t]     = dL/ds[t] surrogate'(u[t] - theta) + g[t+1] beta (1 - s[t] for ZERO) (+ dL/du[t]|out)
 *   dV = sum_t s[t-1]^T g[t],   db = sum_t 1^T g[t],   dI[t] = g[t]</pre>
 * {@code detachReset} detaches only the reset path; the recurrent path {@code s[t-1] V} always carries
 * its gradient (as in snnTorch).
 */
public final class RecurrentLif implements Layer {
    private final int size;
    private final LifConfig config;
    private final Param recurrent;
    private final Param bias;
    private final INDArray beta;
    private final INDArray threshold;
    private final List<Param> params = new ArrayList<>();
    private String name = "rlif";

    /** Without bias. */
    public RecurrentLif(int size, LifConfig config, DataType dtype, SplittableRandom rng) {
        this(size, config, false, dtype, rng);
    }

    /**
     * @param size   neurons (= input features)
     * @param config beta, threshold, reset, surrogate, learnable beta/threshold, output
     * @param bias   whether a trainable bias is added at every step
     */
    public RecurrentLif(int size, LifConfig config, boolean bias, DataType dtype, SplittableRandom rng) {
        if (size < 1) throw new IllegalArgumentException("RecurrentLif size must be >= 1, got " + size);
        this.size = size;
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.recurrent = Param.trainable("recurrent", Param.Role.RECURRENT_WEIGHT, Init.uniformFanIn(rng, dtype, size, size, size));
        this.bias = bias ? Param.trainable("bias", Param.Role.BIAS, Init.uniformFanIn(rng, dtype, size, 1, size)) : null;
        this.beta = Nd4j.valueArrayOf(new long[]{size}, config.beta(), dtype);
        this.threshold = Nd4j.valueArrayOf(new long[]{size}, config.threshold(), dtype);
        params.add(recurrent);
        if (this.bias != null) params.add(this.bias);
        if (config.learnThreshold()) params.add(Param.trainable("threshold", Param.Role.THRESHOLD, threshold));
        if (config.learnBeta()) params.add(Param.trainable("beta", Param.Role.LEAK, beta));
    }

    public LifConfig config() { return config; }

    /** Recurrent weights {@code [N, N]}: row = presynaptic neuron, column = postsynaptic. */
    public Param recurrent() { return recurrent; }

    /** The bias, or null. */
    public Param bias() { return bias; }

    /** Live per-neuron thresholds {@code [N]}. */
    public INDArray threshold() { return threshold; }

    /** Live per-neuron retention {@code [N]}. */
    public INDArray beta() { return beta; }

    private Param param(String n) {
        for (Param p : params) if (p.name().equals(n)) return p;
        throw new IllegalStateException(n);
    }

    private INDArray spike(INDArray u) {
        INDArray x = u.subRowVector(threshold);
        if (config.spikeFn() == SpikeFn.HEAVISIDE) return x.gt(0).castTo(u.dataType());
        for (long i = 0; i < x.length(); i++) x.putScalar(i, config.surrogate().primitive(x.getDouble(i)));
        return x;
    }

    /** The membrane kept from {@code u[t-1]} into {@code u[t]}, before the leak: {@code u (1 - s)} for ZERO. */
    private INDArray kept(INDArray uPrev, INDArray sPrev) {
        return config.reset() == ResetMode.ZERO ? uPrev.mul(sPrev.rsub(1)) : uPrev;
    }

    @Override
    public Forward forward(Seq input, Pass pass) {
        if (input.features() != size)
            throw new IllegalArgumentException(name + ": expected " + size + " features, got " + input.features());
        int T = input.steps(), B = input.batch();
        INDArray x = input.data().reshape('c', input.data().size(0), size);
        INDArray mem = Nd4j.create(x.dataType(), (long) T * B, size), spk = mem.ulike();
        INDArray V = recurrent.value();
        for (int t = 0; t < T; t++) {
            INDArray u = Seq.rows(mem, t, B).assign(input.isStatic() ? x : Seq.rows(x, t, B));
            if (bias != null) u.addiRowVector(bias.value());
            if (t > 0) {
                INDArray up = Seq.rows(mem, t - 1, B), sp = Seq.rows(spk, t - 1, B);
                u.addi(kept(up, sp).mulRowVector(beta));
                if (config.reset() == ResetMode.SUBTRACT) u.subi(sp.mulRowVector(threshold));
                u.addi(sp.mmul(V));
            }
            Seq.rows(spk, t, B).assign(spike(u));
        }
        Lif.recordStats(name, size, spk, T, B, pass);
        boolean memOut = config.output() == LifConfig.Output.MEMBRANE;
        Seq out = Seq.of(memOut ? mem : spk, T);
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                return bptt(grad.expand().data().reshape('c', (long) T * B, size), mem, spk, T, B, memOut,
                        input, needInputGrad);
            }
        };
    }

    private Seq bptt(INDArray g, INDArray mem, INDArray spk, int T, int B, boolean memOut, Seq input,
                     boolean needInputGrad) {
        var dt = mem.dataType();
        INDArray V = recurrent.value();
        INDArray gIn = mem.ulike();
        INDArray gThr = Nd4j.zeros(dt, size), gBeta = Nd4j.zeros(dt, size);
        INDArray next = Nd4j.zeros(dt, B, size); // dL/du[t+1]
        for (int t = T - 1; t >= 0; t--) {
            INDArray u = Seq.rows(mem, t, B), s = Seq.rows(spk, t, B);
            INDArray gs = memOut ? Nd4j.zeros(dt, B, size) : Seq.rows(g, t, B).dup();
            if (t < T - 1) {
                gs.addi(next.mmul(V.transpose()));
                if (!config.detachReset()) {
                    if (config.reset() == ResetMode.SUBTRACT) gs.subi(next.mulRowVector(threshold));
                    if (config.reset() == ResetMode.ZERO) gs.subi(next.mul(u).muliRowVector(beta));
                }
            }
            INDArray gsSg = gs.muli(config.surrogate().grad(u.subRowVector(threshold)));
            INDArray gu = kept(next, s).mulRowVector(beta).addi(gsSg);
            if (memOut) gu.addi(Seq.rows(g, t, B));
            gThr.subi(gsSg.sum(0).reshape(size));
            if (config.reset() == ResetMode.SUBTRACT) gThr.subi(next.mul(s).sum(0).reshape(size));
            if (t > 0) {
                INDArray sp = Seq.rows(spk, t - 1, B);
                gBeta.addi(gu.mul(kept(Seq.rows(mem, t - 1, B), sp)).sum(0).reshape(size));
                Nd4j.gemm(sp, gu, recurrent.grad(), true, false, 1.0, 1.0); // dV += s[t-1]^T g[t]
            }
            Seq.rows(gIn, t, B).assign(gu);
            next = gu;
        }
        if (bias != null) Nd4j.gemm(Nd4j.ones(dt, 1, gIn.size(0)), gIn, bias.grad(), false, false, 1.0, 1.0);
        if (config.learnThreshold()) param("threshold").grad().addi(gThr);
        if (config.learnBeta()) param("beta").grad().addi(gBeta);
        if (!needInputGrad) return null;
        Seq gi = Seq.of(gIn, T);
        return input.isStatic() ? gi.sumOverTime() : gi;
    }

    @Override
    public long[] outputShape(long[] inputShape) { return new long[]{size}; }

    @Override
    public List<Param> params() { return params; }

    @Override
    public String type() { return "RecurrentLif"; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", size);
        m.putAll(config.spec());
        m.put("bias", bias != null);
        m.put("output", config.output().name());
        return m;
    }

    @Override
    public void bindName(String n) { this.name = n; }
}

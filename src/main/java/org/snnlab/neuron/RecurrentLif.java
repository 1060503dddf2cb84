package org.snnlab.neuron;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.layer.Forward;
import org.snnlab.layer.Init;
import org.snnlab.layer.Layer;
import org.snnlab.model.Param;
import org.snnlab.model.Pass;
import org.snnlab.model.Seq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Recurrent LIF layer with all-to-all recurrent weights (snnTorch {@code RLeaky}):
 * <pre>  SUBTRACT: u[t] = beta u[t-1] + I[t] + s[t-1] V - theta s[t-1]
 *   ZERO:     u[t] = beta u[t-1] (1 - s[t-1]) + I[t] + s[t-1] V
 *   s[t] = H(u[t] - theta)</pre>
 * The recurrence needs one {@code [B,N] x [N,N]} product per step, so this layer steps through time
 * (pure ND4J ops). BPTT: {@code dL/ds[t] += dL/du[t+1] V^T}, {@code dV = sum_t s[t-1]^T dL/du[t]}.
 * beta and theta are fixed; V (Param "recurrent") is trainable.
 */
public final class RecurrentLif implements Layer {
    private final int size;
    private final LifConfig config;
    private final Param recurrent;

    public RecurrentLif(int size, LifConfig config, DataType dtype, SplittableRandom rng) {
        if (size < 1) throw new IllegalArgumentException("size must be >= 1, got " + size);
        if (config.reset() == ResetMode.NONE) throw new IllegalArgumentException("RecurrentLif needs a reset (SUBTRACT or ZERO)");
        if (config.learnBeta() || config.learnThreshold())
            throw new IllegalArgumentException("RecurrentLif keeps beta and threshold fixed; use Lif for learnable ones");
        this.size = size;
        this.config = config;
        this.recurrent = Param.trainable("recurrent", Init.uniformFanIn(rng, dtype, size, size, size));
    }


    private INDArray spike(INDArray u) {
        INDArray x = u.sub(config.threshold());
        if (config.spikeFn() == SpikeFn.HEAVISIDE) return x.gt(0).castTo(u.dataType());
        for (long i = 0; i < x.length(); i++) x.putScalar(i, config.surrogate().primitive(x.getDouble(i)));
        return x;
    }

    @Override
    public Forward forward(Seq input, Pass pass) {
        int T = input.steps(), B = input.batch();
        INDArray x = input.data().reshape('c', input.data().size(0), size);
        INDArray mem = Nd4j.create(x.dataType(), (long) T * B, size), spk = mem.ulike();
        double beta = config.beta(), thr = config.threshold();
        INDArray V = recurrent.value();
        for (int t = 0; t < T; t++) {
            INDArray u = Seq.rows(mem, t, B).assign(input.isStatic() ? x : Seq.rows(x, t, B));
            if (t > 0) {
                INDArray up = Seq.rows(mem, t - 1, B), sp = Seq.rows(spk, t - 1, B);
                u.addi(config.reset() == ResetMode.ZERO ? up.mul(sp.rsub(1)).muli(beta) : up.mul(beta).subi(sp.mul(thr)));
                u.addi(sp.mmul(V));
            }
            Seq.rows(spk, t, B).assign(spike(u));
        }
        boolean memOut = config.output() == LifConfig.Output.MEMBRANE;
        Seq out = Seq.of(memOut ? mem : spk, T);
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                INDArray g = grad.expand().data().reshape('c', (long) T * B, size);
                INDArray gIn = mem.ulike();
                INDArray next = Nd4j.zeros(mem.dataType(), B, size);
                for (int t = T - 1; t >= 0; t--) {
                    INDArray u = Seq.rows(mem, t, B), s = Seq.rows(spk, t, B);
                    INDArray gs = memOut ? Nd4j.zeros(mem.dataType(), B, size) : Seq.rows(g, t, B).dup();
                    gs.addi(next.mmul(V.transpose()));
                    if (!config.detachReset())
                        gs.subi(config.reset() == ResetMode.ZERO ? next.mul(u).muli(beta) : next.mul(thr));
                    INDArray gu = gs.muli(config.surrogate().grad(u.sub(thr)));
                    gu.addi(config.reset() == ResetMode.ZERO ? next.mul(s.rsub(1)).muli(beta) : next.mul(beta));
                    if (memOut) gu.addi(Seq.rows(g, t, B));
                    if (t > 0) recurrent.grad().addi(Seq.rows(spk, t - 1, B).transpose().mmul(gu));
                    Seq.rows(gIn, t, B).assign(gu);
                    next = gu;
                }
                if (!needInputGrad) return null;
                Seq gi = Seq.of(gIn, T);
                return input.isStatic() ? gi.sumOverTime() : gi;
            }
        };
    }

    @Override
    public long[] outputShape(long[] inputShape) { return new long[]{size}; }

    @Override
    public List<Param> params() { return List.of(recurrent); }

    @Override
    public String type() { return "RecurrentLif"; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", size);
        m.put("beta", config.beta());
        m.put("threshold", config.threshold());
        m.put("reset", config.reset().name());
        m.put("surrogate", config.surrogate().describe());
        return m;
    }
}

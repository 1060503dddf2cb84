package org.snnlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Adam (Kingma and Ba 2015, arXiv 1412.6980) and AdamW (Loshchilov and Hutter 2019, arXiv 1711.05101)
 * with the semantics and order of operations of PyTorch's {@code torch.optim.Adam} and
 * {@code torch.optim.AdamW}; they differ only in where the weight decay goes ({@link Decay}). Per
 * parameter and element, with bias correction:
 * <pre>  t += 1;  COUPLED: g += wd w  |  DECOUPLED: w -= lr wd w;
 *   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
 *   w -= (lr / (1 - b1^t)) m / (sqrt(v / (1 - b2^t)) + eps).</pre>
 * The first step therefore moves each weight by {@code lr sign(g)} (up to eps and decay). Float32
 * parameters on the CPU are updated by one fused loop over the raw buffers when the step's compute
 * options say {@code fused} (in SIMD, {@link VectorAdam}, when they say {@code vector}); otherwise by in-place ND4J ops into one scratch array per parameter (no
 * allocation per step). Parameter groups by {@link Param.Role}: {@link #withLrScale}. State:
 * {@code "<param>.m"}, {@code "<param>.v"} and a global {@code "step"} (1-element array).
 */
public final class Adam implements Optimizer {

    /** Where the weight decay acts. */
    public enum Decay {
        /** L2: added to the gradient before the moments ({@code torch.optim.Adam}). */
        COUPLED,
        /** Decoupled: the weight shrinks by {@code 1 - lr wd} beside the Adam step ({@code torch.optim.AdamW}). */
        DECOUPLED
    }

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final Decay decay;
    /** Learning-rate factors by parameter role (parameter groups), in the order they were added; else 1. */
    private final Map<Param.Role, Double> lrScales;
    /** Per parameter name: {m, v, scratch (null until the ND4J path needs it)}. */
    private final Map<String, INDArray[]> moments = new LinkedHashMap<>();
    private long step;

    /**
     * Adam with coupled L2 decay.
     *
     * @param beta1       first-moment decay in [0, 1) (PyTorch default 0.9)
     * @param beta2       second-moment decay in [0, 1) (PyTorch default 0.999)
     * @param eps         denominator term, > 0 (PyTorch default 1e-8)
     * @param weightDecay coupled L2 coefficient, >= 0 (added to the gradient)
     */
    public Adam(double beta1, double beta2, double eps, double weightDecay) {
        this(beta1, beta2, eps, weightDecay, Decay.COUPLED);
    }

    /** As {@link #Adam(double, double, double, double)}, with the weight decay acting as {@code decay} says. */
    public Adam(double beta1, double beta2, double eps, double weightDecay, Decay decay) {
        this(beta1, beta2, eps, weightDecay, decay, Map.of());
    }

    private Adam(double beta1, double beta2, double eps, double weightDecay, Decay decay, Map<Param.Role, Double> lrScales) {
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0,1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0,1), got " + beta2);
        if (!(eps > 0) || Double.isInfinite(eps)) throw new IllegalArgumentException("eps must be finite and > 0, got " + eps);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay))
            throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
        if (decay == null) throw new IllegalArgumentException("decay must not be null");
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decay = decay;
        this.lrScales = lrScales;
    }

    /**
     * AdamW: decoupled decay ({@code w -= lr wd w}, PyTorch default wd 0.01), hyper-parameters as
     * {@link #Adam(double, double, double, double)}.
     */
    public static Adam adamW(double beta1, double beta2, double eps, double weightDecay) {
        return new Adam(beta1, beta2, eps, weightDecay, Decay.DECOUPLED);
    }

    public Decay decay() { return decay; }

    /**
     * This optimizer, fresh (no moments), with a parameter group: parameters of {@code role} (e.g.
     * {@link Param.Role#THRESHOLD}, Rouser's per-neuron thresholds) learn at {@code factor} x the rate,
     * like a PyTorch parameter group.
     */
    public Adam withLrScale(Param.Role role, double factor) {
        if (role == null || role == Param.Role.BUFFER)
            throw new IllegalArgumentException("a parameter group needs a trainable role, got " + role);
        if (!(factor >= 0) || Double.isInfinite(factor))
            throw new IllegalArgumentException("learning-rate factor must be finite and >= 0, got " + factor);
        Map<Param.Role, Double> m = new LinkedHashMap<>(lrScales);
        m.put(role, factor);
        return new Adam(beta1, beta2, eps, weightDecay, decay, Collections.unmodifiableMap(m));
    }

    private double lrScale(Param p) {
        return lrScales.getOrDefault(p.role(), 1.0);
    }

    /** A step with the {@link ComputeOptions#defaults() default} compute options. */
    @Override
    public void step(List<Param> params, double lr) {
        step(params, lr, ComputeOptions.defaults());
    }

    @Override
    public void step(List<Param> params, double lr, ComputeOptions compute) {
        step++;
        double c1 = 1 - Math.pow(beta1, step), c2 = 1 - Math.pow(beta2, step);
        for (Param p : params) {
            if (!p.isTrainable()) continue;
            INDArray[] mv = slots(p);
            double plr = lr * lrScale(p);
            if (Fused.applies(compute, p.value(), p.grad(), mv[0], mv[1])) {
                if (compute.vector()) vector(p, mv, plr, c1, c2);
                else fused(p, mv, plr, c1, c2);
            }
            else nd4j(p, mv, plr, c1, c2);
        }
    }

    private INDArray[] slots(Param p) {
        INDArray w = p.value();
        INDArray[] mv = moments.computeIfAbsent(p.name(), k -> new INDArray[]{w.ulike().assign(0), w.ulike().assign(0), null});
        for (int i = 0; i < 2; i++) {
            if (mv[i].length() != w.length())
                throw new IllegalArgumentException("optimizer state " + p.name() + (i == 0 ? ".m" : ".v") + " has "
                        + mv[i].length() + " elements but the parameter has " + w.length());
            if (mv[i].dataType() != w.dataType() || !java.util.Arrays.equals(mv[i].shape(), w.shape()))
                mv[i] = mv[i].castTo(w.dataType()).reshape(w.shape()).dup(w.ordering());
        }
        return mv;
    }

    /** {@link #fused} as SIMD loops over the buffers in place ({@link VectorAdam}): the same floats, bit for bit. */
    private void vector(Param p, INDArray[] mv, double lr, double c1, double c2) {
        boolean decoupled = decay == Decay.DECOUPLED;
        VectorAdam.Coefficients k = new VectorAdam.Coefficients((float) beta1, (float) beta2, (float) (1 - beta1), (float) (1 - beta2),
                decoupled ? 0f : (float) weightDecay, (float) (lr / c1), (float) (1 / Math.sqrt(c2)), (float) eps,
                decoupled ? (float) (1 - lr * weightDecay) : 1f);
        VectorAdam.update(p.value().data().asNio(), p.grad().data().asNio(), mv[0].data().asNio(), mv[1].data().asNio(),
                (int) p.value().length(), k);
    }

    private void fused(Param p, INDArray[] mv, double lr, double c1, double c2) {
        var w = p.value().data().asNioFloat();
        var g = p.grad().data().asNioFloat();
        var m = mv[0].data().asNioFloat();
        var v = mv[1].data().asNioFloat();
        int n = (int) p.value().length();
        boolean decoupled = decay == Decay.DECOUPLED;
        // 1 - beta in double, then rounded (as PyTorch passes it): 1 - 0.999f in float is off by 1.3e-5
        float b1 = (float) beta1, b2 = (float) beta2, ob1 = (float) (1 - beta1), ob2 = (float) (1 - beta2);
        float wd = decoupled ? 0f : (float) weightDecay;
        float stepSize = (float) (lr / c1), invSqrtC2 = (float) (1 / Math.sqrt(c2)), e = (float) eps;
        float shrink = decoupled ? (float) (1 - lr * weightDecay) : 1f;
        int chunk = 1 << 14, chunks = (n + chunk - 1) / chunk;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            // bulk copies into heap rows, then a branch-free loop the JIT vectorizes
            int i0 = c * chunk, len = Math.min(n, i0 + chunk) - i0;
            float[] wr = new float[len], gr = new float[len], mr = new float[len], vr = new float[len];
            w.get(i0, wr, 0, len);
            g.get(i0, gr, 0, len);
            m.get(i0, mr, 0, len);
            v.get(i0, vr, 0, len);
            for (int i = 0; i < len; i++) {
                float wi = wr[i], gi = gr[i] + wd * wi;
                float mi = b1 * mr[i] + ob1 * gi;
                float vi = b2 * vr[i] + ob2 * gi * gi;
                mr[i] = mi;
                vr[i] = vi;
                wr[i] = wi * shrink - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtC2 + e);
            }
            m.put(i0, mr, 0, len);
            v.put(i0, vr, 0, len);
            w.put(i0, wr, 0, len);
        });
    }

    /** The same update as {@link #fused} by in-place ND4J ops (any dtype, any backend). */
    private void nd4j(Param p, INDArray[] mv, double lr, double c1, double c2) {
        INDArray w = p.value(), m = mv[0], v = mv[1];
        if (mv[2] == null) mv[2] = w.ulike();
        INDArray s = mv[2].assign(p.grad());                               // s = g
        if (decay == Decay.DECOUPLED) {
            if (weightDecay > 0) w.muli(1 - lr * weightDecay);            // w -= lr wd w
        } else if (weightDecay > 0) Fused.axpy(weightDecay, w, s);       // g += wd w
        Fused.axpy(1 - beta1, s, m.muli(beta1));                          // m = b1 m + (1-b1) g
        Fused.axpy(1 - beta2, s.muli(s), v.muli(beta2));                  // v = b2 v + (1-b2) g^2
        Transforms.sqrt(s.assign(v), false).divi(Math.sqrt(c2)).addi(eps); // s = sqrt(v / c2) + eps
        Fused.axpy(-lr / c1, s.rdivi(m), w);                              // w -= lr/c1 m / s
    }

    /** Copies of the moments and the step count, so later steps cannot change an exported state. */
    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put("step", Nd4j.createFromArray(step));
        for (var e : moments.entrySet()) {
            s.put(e.getKey() + ".m", e.getValue()[0].dup());
            s.put(e.getKey() + ".v", e.getValue()[1].dup());
        }
        return s;
    }

    @Override
    public void loadState(Map<String, INDArray> state) {
        INDArray st = state.get("step");
        long restored = st == null ? 0 : st.getLong(0);
        if (restored < 0) throw new IllegalArgumentException("optimizer state step must be >= 0, got " + restored);
        Map<String, INDArray[]> loaded = new LinkedHashMap<>();
        for (var e : state.entrySet()) {
            if (!e.getKey().endsWith(".m")) continue;
            String name = e.getKey().substring(0, e.getKey().length() - 2);
            INDArray v = state.get(name + ".v");
            if (v == null) throw new IllegalArgumentException("optimizer state has " + e.getKey() + " but no " + name + ".v");
            loaded.put(name, new INDArray[]{e.getValue().dup(), v.dup(), null});
        }
        moments.clear();
        moments.putAll(loaded);
        step = restored;
    }

    /**
     * {@code adam(...)} or {@code adamw(...)} with the hyper-parameters and every parameter group as
     * {@code lr_x<factor>_for_*<role in lower case>} (e.g. {@code lr_x10.0_for_*threshold}).
     */
    @Override
    public String describe() {
        StringBuilder groups = new StringBuilder();
        for (var e : lrScales.entrySet())
            groups.append(",lr_x").append(e.getValue()).append("_for_*").append(e.getKey().name().toLowerCase(java.util.Locale.ROOT));
        return (decay == Decay.DECOUPLED ? "adamw" : "adam") + "(beta1=" + beta1 + ",beta2=" + beta2 + ",eps=" + eps
                + ",wd=" + weightDecay + groups + ")";
    }
}

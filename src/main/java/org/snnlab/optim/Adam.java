package org.snnlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.model.Param;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's semantics; {@code decoupled} selects AdamW (Loshchilov and
 * Hutter 2019):
 * <pre>  g += wd w (Adam only);  m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
 *   w -= lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps);   AdamW first does w -= lr wd w.</pre>
 * Float32 parameters are updated by one fused loop over the raw buffers; other dtypes by ND4J ops.
 */
public class Adam implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final Map<String, INDArray[]> moments = new LinkedHashMap<>();
    private long step;

    public Adam(double beta1, double beta2, double eps, double weightDecay) {
        this(beta1, beta2, eps, weightDecay, false);
    }

    protected Adam(double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0,1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0,1), got " + beta2);
        if (!(eps > 0)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    @Override
    public void step(List<Param> params, double lr) {
        step++;
        double c1 = 1 - Math.pow(beta1, step), c2 = 1 - Math.pow(beta2, step);
        for (Param p : params) {
            if (!p.isTrainable()) continue;
            INDArray[] mv = moments.computeIfAbsent(p.name(), k -> new INDArray[]{p.value().ulike().assign(0), p.value().ulike().assign(0)});
            if (Fused.applies(p.value(), p.grad(), mv[0], mv[1])) fused(p, mv, lr, c1, c2);
            else nd4j(p, mv, lr, c1, c2);
        }
    }

    private void fused(Param p, INDArray[] mv, double lr, double c1, double c2) {
        var w = p.value().data().asNioFloat();
        var g = p.grad().data().asNioFloat();
        var m = mv[0].data().asNioFloat();
        var v = mv[1].data().asNioFloat();
        int n = (int) p.value().length();
        float b1 = (float) beta1, b2 = (float) beta2, wd = decoupled ? 0f : (float) weightDecay;
        float stepSize = (float) (lr / c1), invSqrtC2 = (float) (1 / Math.sqrt(c2)), e = (float) eps;
        float shrink = decoupled ? (float) (1 - lr * weightDecay) : 1f;
        int chunk = 1 << 16, chunks = (n + chunk - 1) / chunk;
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
            for (int i = c * chunk, end = Math.min(n, i + chunk); i < end; i++) {
                float wi = w.get(i), gi = g.get(i) + wd * wi;
                float mi = b1 * m.get(i) + (1 - b1) * gi;
                float vi = b2 * v.get(i) + (1 - b2) * gi * gi;
                m.put(i, mi);
                v.put(i, vi);
                w.put(i, wi * shrink - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtC2 + e));
            }
        });
    }

    private void nd4j(Param p, INDArray[] mv, double lr, double c1, double c2) {
        INDArray w = p.value(), g = p.grad().dup();
        if (decoupled) w.muli(1 - lr * weightDecay);
        else if (weightDecay > 0) g.addi(w.mul(weightDecay));
        mv[0].muli(beta1).addi(g.mul(1 - beta1));
        mv[1].muli(beta2).addi(g.mul(g).muli(1 - beta2));
        INDArray denom = org.nd4j.linalg.ops.transforms.Transforms.sqrt(mv[1], true).divi(Math.sqrt(c2)).addi(eps);
        w.subi(mv[0].div(denom).muli(lr / c1));
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put("step", org.nd4j.linalg.factory.Nd4j.createFromArray(step));
        for (var e : moments.entrySet()) {
            s.put(e.getKey() + ".m", e.getValue()[0]);
            s.put(e.getKey() + ".v", e.getValue()[1]);
        }
        return s;
    }

    @Override
    public void loadState(Map<String, INDArray> state) {
        moments.clear();
        INDArray st = state.get("step");
        step = st == null ? 0 : st.getLong(0);
        for (var e : state.entrySet()) {
            if (!e.getKey().endsWith(".m")) continue;
            String name = e.getKey().substring(0, e.getKey().length() - 2);
            INDArray v = state.get(name + ".v");
            if (v == null) throw new IllegalArgumentException("optimizer state has " + e.getKey() + " but no " + name + ".v");
            moments.put(name, new INDArray[]{e.getValue().dup(), v.dup()});
        }
    }

    @Override
    public String describe() {
        return (decoupled ? "adamw" : "adam") + "(beta1=" + beta1 + ",beta2=" + beta2 + ",eps=" + eps + ",wd=" + weightDecay + ")";
    }
}

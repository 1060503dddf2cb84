package org.snnlab.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.core.SynapticOps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A one-layer long short-term memory (Hochreiter and Schmidhuber 1997), optionally bidirectional (Schuster
 * and Paliwal 1997), over the tokens of each row: input {@code [rows, L, C]}, output {@code [rows, L, D H]}
 * (D = 2 when bidirectional: the forward direction's states, then the reverse direction's, as PyTorch's
 * {@code nn.LSTM(batch_first=True, bidirectional=True)} and Yao et al. 2023, arXiv 2401.10843, RNN variant).
 * Per direction, with gates in PyTorch's order (i, f, g, o) and {@code h_0 = c_0 = 0}:
 * <pre>
 *   z_t = x_t W_ih + h_{t-1} W_hh + b          (W_ih [C, 4H], W_hh [H, 4H], b [1, 4H])
 *   i, f, o = sigmoid(z_i, z_f, z_o),  g = tanh(z_g)
 *   c_t = f c_{t-1} + i g,   h_t = o tanh(c_t)
 * </pre>
 * the reverse direction running t = L-1 .. 0. The input projections of all tokens are one GEMM; only the
 * recurrence steps through the tokens. Backward is back-propagation through time over the tokens
 * ({@code dz = [dc g, dc c_{t-1}, dc i, dh tanh c] * act'}, {@code dh_{t-1} = dz W_hh^T}, {@code dc_{t-1} = dc f}).
 * With {@link org.snnlab.core.ComputeOptions#fused()} (the default) on float32 CPU, each token's element-wise work is one
 * loop ({@link FusedLstmCell}); the pure-ND4J path, which a test holds equal to it, is what a GPU runs.
 * Initialisation as PyTorch: every weight and bias {@code U(-1/sqrt H, 1/sqrt H)} (one bias: PyTorch's
 * {@code b_ih + b_hh}). Operations: the input projection is accumulates when the input is binary spikes
 * (nnz x 4H), else multiply-accumulates; the recurrent projection ({@code (L-1) rows H 4H}) and the three
 * gating products per state ({@code 3 L rows H}) are multiply-accumulates, real-valued work, per direction.
 */
public final class Lstm implements Layer {
    private final int in;
    private final int hidden;
    private final boolean bidirectional;
    private final List<Direction> dirs = new ArrayList<>();
    private final List<Param> params = new ArrayList<>();
    private String name = "lstm";

    /** One direction's weights. */
    private record Direction(Param wih, Param whh, Param bias, boolean reverse) { }

    public Lstm(int in, int hidden, boolean bidirectional, DataType dtype, SplittableRandom rng) {
        if (in < 1 || hidden < 1) throw new IllegalArgumentException("Lstm sizes must be >= 1, got " + in + " -> " + hidden);
        this.in = in;
        this.hidden = hidden;
        this.bidirectional = bidirectional;
        double bound = 1 / Math.sqrt(hidden);
        for (int d = 0; d < (bidirectional ? 2 : 1); d++) {
            String sfx = d == 0 ? "" : "_reverse";
            Direction dir = new Direction(
                    Param.trainable("weight_ih" + sfx, Param.Role.WEIGHT, Init.uniform(rng, dtype, -bound, bound, in, 4L * hidden)),
                    Param.trainable("weight_hh" + sfx, Param.Role.WEIGHT, Init.uniform(rng, dtype, -bound, bound, hidden, 4L * hidden)),
                    Param.trainable("bias" + sfx, Param.Role.BIAS, Init.uniform(rng, dtype, -bound, bound, 1, 4L * hidden)), d == 1);
            dirs.add(dir);
            params.addAll(List.of(dir.wih(), dir.whh(), dir.bias()));
        }
    }

    public int hidden() { return hidden; }

    /** Output features per token: {@code 2 H} when bidirectional, else H. */
    public int outputSize() { return dirs.size() * hidden; }

    /** What one direction's forward pass kept: per processed token, gates (after activation), c, tanh c, h. */
    private record Run(Direction dir, List<INDArray> act, List<INDArray> c, List<INDArray> tc, List<INDArray> h) { }

    @Override
    public Forward forward(Seq input, Pass pass) {
        long[] s = input.data().shape();
        if (s.length != 3 || s[2] != in)
            throw new IllegalArgumentException(name + ": expected [rows, tokens, " + in + "], got " + java.util.Arrays.toString(s));
        int n = (int) s[0], len = (int) s[1];
        INDArray x2 = input.data().permute(1, 0, 2).dup('c').reshape('c', (long) len * n, in); // token-major rows
        recordOps(pass, input, x2, n, len);
        INDArray out = Nd4j.createUninitialized(input.data().dataType(), len, n, outputSize()); // token-major
        List<Run> runs = new ArrayList<>();
        boolean fused = pass.compute().fused() && FusedLstmCell.supports(x2);
        for (int d = 0; d < dirs.size(); d++) {
            Run r = run(dirs.get(d), x2, n, len, fused);
            runs.add(r);
            for (int t = 0; t < len; t++)
                out.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.interval((long) d * hidden, (long) (d + 1) * hidden))
                        .assign(r.h().get(order(r.dir(), len, t)));
        }
        Seq output = new Seq(out.permute(1, 0, 2).dup('c'), input.steps(), input.isStatic());
        return new Forward() {
            public Seq output() { return output; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                return Lstm.this.backward(runs, x2, grad, input, n, len, needInputGrad, fused);
            }
        };
    }

    /** The token a direction processes at its {@code k}-th step (inverse: the same map). */
    private static int order(Direction d, int len, int k) { return d.reverse() ? len - 1 - k : k; }

    private Run run(Direction dir, INDArray x2, int n, int len, boolean fused) {
        INDArray z = x2.mmul(dir.wih().value()).addiRowVector(dir.bias().value()); // [L*N, 4H]
        List<INDArray> acts = new ArrayList<>(), cs = new ArrayList<>(), tcs = new ArrayList<>(), hs = new ArrayList<>();
        for (int k = 0; k < len; k++) {
            int t = order(dir, len, k);
            if (fused) {
                INDArray a = k > 0 ? hs.get(k - 1).mmul(dir.whh().value()) : Nd4j.createUninitialized(z.dataType(), n, 4L * hidden);
                INDArray[] cth = FusedLstmCell.forward(z, t, a, k > 0 ? cs.get(k - 1) : null, n, hidden);
                acts.add(a);
                cs.add(cth[0]);
                tcs.add(cth[1]);
                hs.add(cth[2]);
                continue;
            }
            INDArray a = z.get(NDArrayIndex.interval((long) t * n, (long) (t + 1) * n), NDArrayIndex.all()).dup('c');
            if (k > 0) Nd4j.gemm(hs.get(k - 1), dir.whh().value(), a, false, false, 1.0, 1.0);
            INDArray g = gate(a, 2);
            g.muli(2);                         // tanh(x) = 2 sigmoid(2x) - 1
            Transforms.sigmoid(a, false);
            g.muli(2).subi(1);
            INDArray c = gate(a, 0).mul(g);
            if (k > 0) c.addi(gate(a, 1).mul(cs.get(k - 1)));
            INDArray tc = Transforms.tanh(c, true);
            acts.add(a);
            cs.add(c);
            tcs.add(tc);
            hs.add(gate(a, 3).mul(tc));
        }
        return new Run(dir, acts, cs, tcs, hs);
    }

    /** Gate {@code q} (0 i, 1 f, 2 g, 3 o) of {@code [N, 4H]}: a view. */
    private INDArray gate(INDArray a, int q) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval((long) q * hidden, (long) (q + 1) * hidden));
    }

    private Seq backward(List<Run> runs, INDArray x2, Seq grad, Seq input, int n, int len, boolean needInputGrad, boolean fused) {
        INDArray g = grad.data().permute(1, 0, 2).dup('c'); // [L, N, D H]
        INDArray gx = needInputGrad ? Nd4j.zeros(x2.dataType(), x2.size(0), in) : null;
        for (int d = 0; d < runs.size(); d++) {
            Run r = runs.get(d);
            INDArray dz = Nd4j.createUninitialized(x2.dataType(), (long) len * n, 4L * hidden); // token-major rows
            INDArray dhNext = null, dcNext = null;
            for (int k = len - 1; k >= 0; k--) {
                int t = order(r.dir(), len, k);
                if (fused) {
                    INDArray dzk = Nd4j.createUninitialized(x2.dataType(), n, 4L * hidden);
                    INDArray carry = FusedLstmCell.backward(g, t, d * hidden, dhNext, dcNext, r.act().get(k), r.tc().get(k),
                            k > 0 ? r.c().get(k - 1) : null, dzk, n, hidden);
                    dz.get(NDArrayIndex.interval((long) t * n, (long) (t + 1) * n), NDArrayIndex.all()).assign(dzk);
                    if (k > 0) {
                        dhNext = dzk.mmul(r.dir().whh().value().transpose());
                        Nd4j.gemm(r.h().get(k - 1), dzk, r.dir().whh().grad(), true, false, 1.0, 1.0);
                        dcNext = carry;
                    }
                    continue;
                }
                INDArray dh = g.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.interval((long) d * hidden, (long) (d + 1) * hidden)).dup('c');
                if (dhNext != null) dh.addi(dhNext);
                INDArray a = r.act().get(k), tc = r.tc().get(k);
                INDArray dc = dh.mul(gate(a, 3)).muli(tc.mul(tc).rsubi(1));
                if (dcNext != null) dc.addi(dcNext);
                INDArray dzt = dz.get(NDArrayIndex.interval((long) t * n, (long) (t + 1) * n), NDArrayIndex.all());
                INDArray deriv = a.mul(a.rsub(1));                              // sigmoid' for i, f, o
                gate(deriv, 2).assign(gate(a, 2).mul(gate(a, 2)).rsubi(1));     // tanh' for g
                gate(dzt, 0).assign(dc.mul(gate(a, 2)));
                if (k > 0) gate(dzt, 1).assign(dc.mul(r.c().get(k - 1)));
                else gate(dzt, 1).assign(0);
                gate(dzt, 2).assign(dc.mul(gate(a, 0)));
                gate(dzt, 3).assign(dh.mul(tc));
                dzt.muli(deriv);
                if (k > 0) {
                    INDArray dzc = dzt.dup('c');
                    dhNext = dzc.mmul(r.dir().whh().value().transpose());
                    Nd4j.gemm(r.h().get(k - 1), dzc, r.dir().whh().grad(), true, false, 1.0, 1.0);
                    dcNext = dc.muli(gate(a, 1));
                }
            }
            Nd4j.gemm(x2, dz, r.dir().wih().grad(), true, false, 1.0, 1.0);
            Nd4j.gemm(Nd4j.ones(dz.dataType(), 1, dz.size(0)), dz, r.dir().bias().grad(), false, false, 1.0, 1.0);
            if (gx != null) Nd4j.gemm(dz, r.dir().wih().value(), gx, false, true, 1.0, 1.0);
        }
        if (gx == null) return null;
        INDArray back = gx.reshape('c', len, n, in).permute(1, 0, 2).dup('c');
        return new Seq(back, input.steps(), input.isStatic());
    }

    /** The operations of one pass (see the class comment), over all directions. */
    private void recordOps(Pass pass, Seq input, INDArray x2, int n, int len) {
        if (!pass.stats().countsOps()) return;
        SynapticOps o = ops(x2, n, len);
        double perStep = input.isStatic() ? 1 : input.steps();
        pass.stats().recordOps(name, new SynapticOps(o.accumulates(), o.multiplyAccumulates(), o.annMultiplyAccumulates() / perStep, input.batch()));
    }

    /**
     * The operations of this LSTM on token-major rows {@code x2 [L*N, C]} (examples left 0): input
     * projection AC (binary input) or MAC, recurrent projection and gating products MAC; the ANN does all as MACs.
     */
    public SynapticOps ops(INDArray x2, int n, int len) {
        double d = dirs.size(), h = hidden, g4 = 4.0 * hidden;
        double inFull = (double) len * n * in * g4 * d;
        double rec = Math.max(0, len - 1) * (double) n * h * g4 * d + 3.0 * len * n * h * d;
        double spikes = OpTally.spikeCount(x2);
        boolean binary = spikes >= 0;
        double ac = binary ? spikes * g4 * d : 0;
        return new SynapticOps(ac, (binary ? 0 : inFull) + rec, inFull + rec, 0);
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 2 || inputShape[1] != in)
            throw new IllegalArgumentException(name + ": expected [tokens, " + in + "], got " + java.util.Arrays.toString(inputShape));
        return new long[]{inputShape[0], outputSize()};
    }

    @Override
    public List<Param> params() { return params; }

    @Override
    public String type() { return "Lstm"; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("in", in);
        m.put("hidden", hidden);
        m.put("bidirectional", bidirectional);
        m.put("gates", "i,f,g,o");
        return m;
    }

    @Override
    public void bindName(String n) { this.name = n; }
}

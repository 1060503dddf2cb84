package org.snnlab.neuron;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.snnlab.core.ActivityStats;
import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.core.SynapticOps;
import org.snnlab.layer.Conv2d;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The multi-receptive-field spiking token mixer of Yao, Wu, Chen and Zhang 2023 (arXiv 2401.10843),
 * CNN variant, as the authors' code computes it. Within ONE time step the map {@code [C, H, W]} is split
 * into windows ({@link WindowGrouping}) processed in order k = 1..K; window k's input is Bernoulli-encoded
 * afresh, {@code e_k = [x_k > U(0,1)]} with U drawn from the pass's random stream (a sample: no gradient
 * flows into the encoder, so this layer's input gradient is zero, as in the code), and goes through two
 * spiking 3x3 convolutions whose membranes are carried from window to window in window-local coordinates:
 * <pre>
 *   u1(k) = decay u1(k-1) + conv1(e_k),                         s1(k) = [u1(k) > threshold]
 *   u2(k) = decay Omega(u1(k-1), u2(k-1)) + conv2(s1(k)),       s2(k) = [u2(k) > threshold]
 * </pre>
 * (k = 1: no carried term; the neuron step is the {@link WindowNeuron} strategy, the merge the
 * {@link Projection} Omega; no reset between windows). So neuron (i, j) integrates position (i, j) of
 * windows 1..k: several receptive fields at one time step. The windows' s2 are put back where they came
 * from (overlaps of the dilated grouping averaged by coverage count). With T > 1 the windows of step t+1
 * continue from step t's membranes after a hard reset {@code u (1 - s)} (differentiated through s, as the
 * authors' T-step loop {@code mem * decay * (1 - spike)} is), which with {@link WindowGrouping#WHOLE} and {@link Projection#none()}
 * is a plain two-layer multi-step LIF block. Spike statistics are recorded per update (steps = T x windows).
 */
public final class MultiReceptiveField implements Layer {
    private final int inC;
    private final int hidden;
    private final WindowGrouping grouping;
    private final Projection omega;
    private final WindowNeuron neuron;
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final List<Param> params = new ArrayList<>();
    private String name = "mrf";

    /**
     * @param inChannels input channels C
     * @param hidden     channels of both convolutions (the output's)
     */
    public MultiReceptiveField(int inChannels, int hidden, WindowGrouping grouping, Projection omega, WindowNeuron neuron,
                               DataType dtype, SplittableRandom rng) {
        if (grouping == null || omega == null || neuron == null)
            throw new IllegalArgumentException("grouping, projection and neuron must not be null");
        this.inC = inChannels;
        this.hidden = hidden;
        this.grouping = grouping;
        this.omega = omega;
        this.neuron = neuron;
        this.conv1 = new Conv2d(inChannels, hidden, 3, 1, 1, true, dtype, rng);
        this.conv2 = new Conv2d(hidden, hidden, 3, 1, 1, true, dtype, rng);
        for (Param p : conv1.params()) params.add(p.prefixed("conv1."));
        for (Param p : conv2.params()) params.add(p.prefixed("conv2."));
        bindName(name);
    }

    public Conv2d conv1() { return conv1; }

    public Conv2d conv2() { return conv2; }

    public WindowGrouping grouping() { return grouping; }

    public Projection projection() { return omega; }

    /** What one window update kept for BPTT. */
    private record Update(WindowState state, Forward f1, Forward f2, INDArray a, INDArray b, INDArray r1, INDArray r2,
                          INDArray m1, INDArray m2) { }

    /**
     * One window update of a forward pass, for inspection (tests, notebooks): the time step, the window,
     * the membranes after the update and the spikes, all {@code [B, hidden, h, w]} in window-local coordinates.
     */
    public record WindowState(int step, WindowGrouping.Window window, INDArray u1, INDArray s1, INDArray u2, INDArray s2) { }

    /** The record of one forward pass; {@link #states()} lists its window updates in order. */
    public final class Trace implements Forward {
        private final List<Update> ups;
        private final Seq output;
        private final INDArray invCov;
        private final Seq input;

        private Trace(List<Update> ups, Seq output, INDArray invCov, Seq input) {
            this.ups = List.copyOf(ups);
            this.output = output;
            this.invCov = invCov;
            this.input = input;
        }

        public List<WindowState> states() { return ups.stream().map(Update::state).toList(); }

        public Seq output() { return output; }

        public Seq backward(Seq g, boolean needInputGrad) { return MultiReceptiveField.this.backward(ups, g, invCov, input, needInputGrad); }
    }

    @Override
    public Trace forward(Seq input, Pass pass) {
        long[] s = input.data().shape();
        if (s.length != 4 || s[1] != inC)
            throw new IllegalArgumentException(name + ": expected [rows, " + inC + ", H, W], got " + java.util.Arrays.toString(s));
        int T = input.steps(), B = input.batch(), H = (int) s[2], W = (int) s[3];
        List<WindowGrouping.Window> wins = grouping.windows(H, W);
        OpSum opSum = new OpSum(pass.stats().countsOps());
        Pass inner = pass.withStats(opSum);
        INDArray out = Nd4j.zeros(input.data().dataType(), (long) T * B, hidden, H, W);
        List<Update> ups = new ArrayList<>();
        INDArray m1 = null, m2 = null, p1 = null, p2 = null;
        for (int t = 0; t < T; t++) {
            INDArray xt = input.step(t);
            for (int k = 0; k < wins.size(); k++) {
                WindowGrouping.Window win = wins.get(k);
                INDArray e = encode(xt.get(region(win)).dup('c'), pass.rng());
                Forward f1 = conv1.forward(Seq.of(e, 1), inner);
                INDArray a = m1, b = m2, r1 = null, r2 = null;
                if (t > 0 && k == 0) { // a new time step: hard reset u (1 - s) of the neurons that fired
                    r1 = p1.rsub(1);
                    r2 = p2.rsub(1);
                    a = a.mul(r1);
                    b = b.mul(r2);
                }
                INDArray u1 = neuron.integrate(a, f1.output().data()), s1 = neuron.fire(u1);
                Forward f2 = conv2.forward(Seq.of(s1, 1), inner);
                INDArray u2 = neuron.integrate(a == null ? null : omega.apply(a, b), f2.output().data()), s2 = neuron.fire(u2);
                INDArray target = Seq.rows(out, t, B).get(region(win));
                if (grouping == WindowGrouping.DILATED) target.addi(s2); else target.assign(s2);
                ups.add(new Update(new WindowState(t, win, u1, s1, u2, s2), f1, f2, a, b, r1, r2, m1, m2));
                m1 = u1; m2 = u2; p1 = s1; p2 = s2;
            }
        }
        INDArray invCov = grouping == WindowGrouping.DILATED ? inverseCoverage(H, W, out.dataType()) : null;
        if (invCov != null) out.reshape('c', (long) T * B * hidden, (long) H * W).muliRowVector(invCov);
        recordStats(ups, T, B, wins.size(), pass);
        opSum.flushTo(pass.stats(), T, B);
        Seq output = Seq.of(out, T);
        return new Trace(ups, output, invCov, input);
    }

    private Seq backward(List<Update> ups, Seq grad, INDArray invCov, Seq input, boolean needInputGrad) {
        INDArray g = grad.expand().data();
        int B = input.batch(), H = (int) g.size(2), W = (int) g.size(3);
        if (invCov != null) {
            g = g.dup('c');
            g.reshape('c', g.size(0) * hidden, (long) H * W).muliRowVector(invCov);
        }
        INDArray carry1 = null, carry2 = null;
        for (int i = ups.size() - 1; i >= 0; i--) {
            Update u = ups.get(i);
            WindowState st = u.state();
            INDArray gS2 = Seq.rows(g, st.step(), B).get(region(st.window())).dup('c');
            INDArray dU2 = gS2.muli(neuron.fireGrad(st.u2()));
            if (carry2 != null) dU2.addi(carry2);
            INDArray gS1 = u.f2().backward(Seq.of(dU2, 1), true).data();
            INDArray dU1 = gS1.mul(neuron.fireGrad(st.u1()));
            if (carry1 != null) dU1.addi(carry1);
            u.f1().backward(Seq.of(dU1, 1), false);
            if (u.a() == null) {
                carry1 = null;
                carry2 = null;
                continue;
            }
            INDArray[] gab = omega.grad(u.a(), u.b(), neuron.carriedGrad(dU2));
            carry1 = neuron.carriedGrad(dU1);
            if (gab[0] != null) carry1.addi(gab[0]);
            carry2 = gab[1];
            if (u.r1() != null) { // through a = m1 (1 - s1(m1)): da/dm1 = (1 - s1) - m1 s1'(m1); the same for b
                carry1 = carry1.mul(u.r1()).subi(carry1.mul(u.m1()).muli(neuron.fireGrad(u.m1())));
                carry2 = carry2.mul(u.r2()).subi(carry2.mul(u.m2()).muli(neuron.fireGrad(u.m2())));
            }
        }
        if (!needInputGrad) return null;
        return new Seq(input.data().ulike().assign(0), input.steps(), input.isStatic());
    }

    /** {@code [x > U(0,1)]} element-wise, U from {@code rng}: a sample, not differentiated. */
    static INDArray encode(INDArray x, SplittableRandom rng) {
        double[] v = x.data().asDouble();
        double[] e = new double[v.length];
        for (int i = 0; i < v.length; i++) e[i] = v[i] > rng.nextDouble() ? 1 : 0;
        return Nd4j.create(e, x.shape(), 'c').castTo(x.dataType());
    }

    static INDArrayIndex[] region(WindowGrouping.Window w) {
        return new INDArrayIndex[]{NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(w.row(), w.row() + w.height()), NDArrayIndex.interval(w.col(), w.col() + w.width())};
    }

    private INDArray inverseCoverage(int h, int w, DataType dtype) {
        return inverseCoverage(grouping, h, w, dtype);
    }

    /** {@code 1 / coverage} of {@code g} on an {@code h x w} map, {@code [1, h * w]}. */
    static INDArray inverseCoverage(WindowGrouping g, int h, int w, DataType dtype) {
        double[] c = g.coverage(h, w);
        for (int i = 0; i < c.length; i++) c[i] = 1 / c[i];
        return Nd4j.create(c, new long[]{1, c.length}, 'c').castTo(dtype);
    }

    private void recordStats(List<Update> ups, int T, int B, int windows, Pass pass) {
        if (pass.stats() == ActivityStats.NONE) return;
        record(pass, name + ".lif1", ups.stream().map(u -> u.state().s1()).toList(), B, T * windows);
        record(pass, name + ".lif2", ups.stream().map(u -> u.state().s2()).toList(), B, T * windows);
    }

    static void record(Pass pass, String layer, List<INDArray> spikes, int B, int updates) {
        INDArray perNeuron = null, perExample = null;
        for (INDArray s : spikes) {
            INDArray flat = s.reshape('c', B, s.length() / B);
            INDArray n = Nd4j.ones(s.dataType(), 1, B).mmul(flat).reshape(flat.size(1));
            INDArray e = flat.sum(1).reshape(B);
            perNeuron = perNeuron == null ? n : perNeuron.addi(n);
            perExample = perExample == null ? e : perExample.addi(e);
        }
        pass.stats().record(layer, perNeuron, perExample, updates);
    }

    /** Sums the two convolutions' operations over the windows of a pass, then records them once. */
    private static final class OpSum implements ActivityStats {
        private final boolean counts;
        private final Map<String, SynapticOps> sums = new LinkedHashMap<>();

        OpSum(boolean counts) { this.counts = counts; }

        public void record(String layer, INDArray n, INDArray e, int steps) { }

        public boolean countsOps() { return counts; }

        public void recordOps(String layer, SynapticOps ops) { sums.merge(layer, ops, SynapticOps::plusOps); }

        /** Each window was one step of one copy: the same-shaped ANN does one step's windows, so its count is / T. */
        void flushTo(ActivityStats sink, int T, int B) {
            for (var e : sums.entrySet()) {
                SynapticOps o = e.getValue();
                sink.recordOps(e.getKey(), new SynapticOps(o.accumulates(), o.multiplyAccumulates(), o.annMultiplyAccumulates() / T, B));
            }
        }
    }

    @Override
    public long[] outputShape(long[] in) {
        grouping.windows((int) in[1], (int) in[2]); // validates the map size
        return new long[]{hidden, in[1], in[2]};
    }

    @Override
    public List<Param> params() { return params; }

    @Override
    public String type() { return "MultiReceptiveField"; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("in_channels", inC);
        m.put("hidden", hidden);
        m.put("grouping", grouping.name());
        m.put("omega", omega.describe());
        m.put("neuron", neuron.describe());
        return m;
    }

    @Override
    public void bindName(String n) {
        this.name = n;
        conv1.bindName(n + ".conv1");
        conv2.bindName(n + ".conv2");
    }
}

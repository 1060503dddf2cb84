package org.snnlab.neuron;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.snnlab.core.ActivityStats;
import org.snnlab.core.Forward;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.core.SynapticOps;
import org.snnlab.layer.Lstm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The multi-receptive-field spiking token mixer of Yao, Wu, Chen and Zhang 2023 (arXiv 2401.10843), RNN
 * variant, as the authors' code ({@code layers_ecml_lstm_10.py}) computes it at one time step. The map
 * {@code x [B, C, H, W]} is split into windows ({@link WindowGrouping}) k = 1..K in order; window k's input is
 * Bernoulli-encoded afresh ({@code e_k = [x_k > U(0,1)]}, a sample: no gradient reaches x), read as tokens in
 * row-major order and fed to a bidirectional LSTM ({@link Lstm}, C -> hidden h per direction), whose output
 * {@code I_k [2h, h_k, w_k]} is the current of ONE leaky layer. Its membrane map {@code M [B, 2h, H, W]} comes
 * from the block before (zero at the network's first) and is updated window by window, in window-local
 * coordinates, with the code's pairing of windows (' = already updated in this block):
 * <pre>
 *   u_1 = decay Omega(M_1, M_2)   + I_1        u_2 = decay Omega(u_1', M_2) + I_2
 *   u_3 = decay Omega(M_3, u_2')  + I_3        u_4 = decay Omega(M_4, u_3') + I_4,     s_k = [u_k > threshold]
 * </pre>
 * ({@code M_k} = M's values in window k's region before this block; no reset). The windows' spikes and
 * membranes are put back where they came from (overlaps of the dilated grouping averaged by coverage count):
 * the block's spikes {@code S [B, 2h, H, W]} and the membrane map it hands on. With {@link Projection#none()}
 * and with {@link WindowGrouping#WHOLE} (the no-grouping ablation, Omega commented out in the code) each
 * window carries its own membrane, {@code u_k = decay M_k + I_k}. The LSTM runs once over all K windows
 * (their currents do not depend on the membranes); only the membrane recurrence is sequential.
 * BPTT: {@code dI_k = du_k}, {@code d(carried) = decay du_k}, split by Omega's gradient onto the pair.
 */
public final class MultiReceptiveFieldRnn {
    private final int channels;
    private final int hidden;
    private final WindowGrouping grouping;
    private final Projection omega;
    private final WindowNeuron neuron;
    private final Lstm lstm;
    private final List<Param> params = new ArrayList<>();
    private String name = "mrf_rnn";

    /**
     * @param channels input channels C (tokens' features)
     * @param hidden   LSTM hidden size per direction h; the spikes and membranes have 2h channels
     */
    public MultiReceptiveFieldRnn(int channels, int hidden, WindowGrouping grouping, Projection omega, WindowNeuron neuron,
                                  DataType dtype, SplittableRandom rng) {
        if (grouping == null || omega == null || neuron == null)
            throw new IllegalArgumentException("grouping, projection and neuron must not be null");
        this.channels = channels;
        this.hidden = hidden;
        this.grouping = grouping;
        this.omega = omega;
        this.neuron = neuron;
        this.lstm = new Lstm(channels, hidden, true, dtype, rng);
        for (Param p : lstm.params()) params.add(p.prefixed("lstm."));
        bindName(name);
    }

    public Lstm lstm() { return lstm; }

    public WindowGrouping grouping() { return grouping; }

    /** Channels of the spikes and membranes: {@code 2 hidden}. */
    public int outChannels() { return 2 * hidden; }

    public List<Param> params() { return params; }

    /** True when each window carries its own membrane (no Omega, or the whole map in one window). */
    private boolean plainCarry() { return grouping == WindowGrouping.WHOLE || omega.describe().equals("none"); }

    /** One window update, for inspection: the carried membrane (before decay), the membrane and the spikes, {@code [B, 2h, h, w]}. */
    public record WindowState(WindowGrouping.Window window, INDArray carried, INDArray u, INDArray s) { }

    /** The record of one block's pass: spikes, the membrane map handed on, and BPTT through both. */
    public final class Step {
        private final List<WindowState> states;
        private final INDArray[] a, b, own;
        private final INDArray spikes, membrane, invCov;
        private final Forward lstmF;
        private final boolean hadMembrane;

        private Step(List<WindowState> states, INDArray[] a, INDArray[] b, INDArray[] own, INDArray spikes, INDArray membrane,
                     INDArray invCov, Forward lstmF, boolean hadMembrane) {
            this.states = List.copyOf(states);
            this.a = a;
            this.b = b;
            this.own = own;
            this.spikes = spikes;
            this.membrane = membrane;
            this.invCov = invCov;
            this.lstmF = lstmF;
            this.hadMembrane = hadMembrane;
        }

        public List<WindowState> states() { return states; }

        /** The block's spikes {@code [B, 2h, H, W]} (coverage-averaged where windows overlap). */
        public INDArray spikes() { return spikes; }

        /** The membrane map handed to the next block {@code [B, 2h, H, W]}. */
        public INDArray membrane() { return membrane; }

        /**
         * BPTT given {@code dL/dS} and {@code dL/dM_out} (null: the membrane goes nowhere); adds the LSTM's
         * parameter gradients and returns {@code dL/dM_in} (null when this block started from zero).
         */
        public INDArray backward(INDArray gSpikes, INDArray gMembrane) {
            return MultiReceptiveFieldRnn.this.backward(this, gSpikes, gMembrane);
        }
    }

    /**
     * One block's pass.
     *
     * @param x        {@code [B, C, H, W]}
     * @param membrane {@code [B, 2h, H, W]} from the block before, or null (zero) at the first
     */
    public Step forward(INDArray x, INDArray membrane, Pass pass) {
        long[] s = x.shape();
        if (s.length != 4 || s[1] != channels)
            throw new IllegalArgumentException(name + ": expected [B, " + channels + ", H, W], got " + java.util.Arrays.toString(s));
        int B = (int) s[0], H = (int) s[2], W = (int) s[3];
        List<WindowGrouping.Window> wins = grouping.windows(H, W);
        int K = wins.size(), wh = wins.get(0).height(), ww = wins.get(0).width();
        INDArray tokens = Nd4j.createUninitialized(x.dataType(), (long) K * B, (long) wh * ww, channels);
        for (int k = 0; k < K; k++) {
            INDArray e = MultiReceptiveField.encode(x.get(MultiReceptiveField.region(wins.get(k))).dup('c'), pass.rng());
            tokens.get(rows(k, B)).assign(e.permute(0, 2, 3, 1).dup('c').reshape('c', B, (long) wh * ww, channels));
        }
        Forward lstmF = lstm.forward(Seq.of(tokens, 1), pass.withStats(perExample(pass.stats(), B)));
        INDArray cur = lstmF.output().data(); // [K*B, L, 2h]
        boolean had = membrane != null;
        INDArray m = had ? membrane : Nd4j.zeros(x.dataType(), B, outChannels(), H, W);
        INDArray[] own = new INDArray[K], a = new INDArray[K], bb = new INDArray[K], u = new INDArray[K];
        for (int k = 0; k < K; k++) own[k] = m.get(MultiReceptiveField.region(wins.get(k))).dup('c');
        INDArray outS = Nd4j.zeros(x.dataType(), B, outChannels(), H, W), outM = Nd4j.zeros(x.dataType(), B, outChannels(), H, W);
        List<WindowState> states = new ArrayList<>();
        for (int k = 0; k < K; k++) {
            INDArray ik = cur.get(rows(k, B)).reshape('c', B, wh, ww, outChannels()).permute(0, 3, 1, 2).dup('c');
            INDArray carried;
            if (plainCarry()) carried = own[k];
            else {
                a[k] = k == 1 ? u[0] : own[k];
                bb[k] = k == 0 ? own[1] : k == 1 ? own[1] : u[k - 1];
                carried = omega.apply(a[k], bb[k]);
            }
            u[k] = neuron.integrate(carried, ik);
            INDArray sk = neuron.fire(u[k]);
            states.add(new WindowState(wins.get(k), carried, u[k], sk));
            put(outS, wins.get(k), sk);
            put(outM, wins.get(k), u[k]);
        }
        INDArray invCov = null;
        if (grouping == WindowGrouping.DILATED) {
            invCov = MultiReceptiveField.inverseCoverage(grouping, H, W, x.dataType());
            outS.reshape('c', (long) B * outChannels(), (long) H * W).muliRowVector(invCov);
            outM.reshape('c', (long) B * outChannels(), (long) H * W).muliRowVector(invCov);
        }
        if (pass.stats() != ActivityStats.NONE)
            MultiReceptiveField.record(pass, name + ".lif", states.stream().map(WindowState::s).toList(), B, K);
        return new Step(states, a, bb, own, outS, outM, invCov, lstmF, had);
    }

    private void put(INDArray map, WindowGrouping.Window w, INDArray v) {
        INDArray target = map.get(MultiReceptiveField.region(w));
        if (grouping == WindowGrouping.DILATED) target.addi(v); else target.assign(v);
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex rows(int k, int B) {
        return NDArrayIndex.interval((long) k * B, (long) (k + 1) * B);
    }

    private INDArray backward(Step st, INDArray gS, INDArray gM) {
        int K = st.states.size(), B = (int) st.spikes.size(0), H = (int) st.spikes.size(2), W = (int) st.spikes.size(3);
        INDArray gs = averaged(gS, st.invCov), gm = gM == null ? null : averaged(gM, st.invCov);
        INDArray gOld = Nd4j.zeros(st.spikes.dataType(), B, outChannels(), H, W);
        INDArray[] later = new INDArray[K];
        WindowGrouping.Window w0 = st.states.get(0).window();
        int wh = w0.height(), ww = w0.width();
        INDArray dCur = Nd4j.createUninitialized(st.spikes.dataType(), (long) K * B, (long) wh * ww, outChannels());
        for (int k = K - 1; k >= 0; k--) {
            WindowState ws = st.states.get(k);
            var reg = MultiReceptiveField.region(ws.window());
            INDArray du = gs.get(reg).mul(neuron.fireGrad(ws.u()));
            if (gm != null) du.addi(gm.get(reg));
            if (later[k] != null) du.addi(later[k]);
            dCur.get(rows(k, B)).assign(du.permute(0, 2, 3, 1).dup('c').reshape('c', B, (long) wh * ww, outChannels()));
            INDArray dc = neuron.carriedGrad(du);
            if (plainCarry()) {
                gOld.get(reg).addi(dc);
                continue;
            }
            INDArray[] gab = omega.grad(st.a[k], st.b[k], dc);
            if (k == 1) add(later, 0, gab[0]); else addOld(gOld, ws.window(), gab[0]);
            if (k >= 2) add(later, k - 1, gab[1]);
            else addOld(gOld, st.states.get(1).window(), gab[1]); // k = 0 and 1 pair with M_2
        }
        st.lstmF.backward(Seq.of(dCur, 1), false);
        return st.hadMembrane ? gOld : null;
    }

    private static void add(INDArray[] later, int k, INDArray g) {
        if (g == null) return;
        later[k] = later[k] == null ? g.dup() : later[k].addi(g);
    }

    private static void addOld(INDArray gOld, WindowGrouping.Window w, INDArray g) {
        if (g != null) gOld.get(MultiReceptiveField.region(w)).addi(g);
    }

    /** {@code g} times the inverse coverage (the merge's average), or {@code g} itself when windows do not overlap. */
    private INDArray averaged(INDArray g, INDArray invCov) {
        if (invCov == null) return g;
        INDArray d = g.dup('c');
        d.reshape('c', d.size(0) * d.size(1), d.size(2) * d.size(3)).muliRowVector(invCov);
        return d;
    }

    /** The LSTM ran on K*B window rows: its operations are recorded per example of the batch (B). */
    private static ActivityStats perExample(ActivityStats sink, int B) {
        if (!sink.countsOps()) return ActivityStats.NONE;
        return new ActivityStats() {
            public void record(String layer, INDArray n, INDArray e, int steps) { }

            public boolean countsOps() { return true; }

            public void recordOps(String layer, SynapticOps o) {
                sink.recordOps(layer, new SynapticOps(o.accumulates(), o.multiplyAccumulates(), o.annMultiplyAccumulates(), B));
            }
        };
    }

    /** The map size validated and the output channels: {@code [2h, H, W]} for {@code [C, H, W]}. */
    public long[] outputShape(long[] in) {
        grouping.windows((int) in[1], (int) in[2]);
        return new long[]{outChannels(), in[1], in[2]};
    }

    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("in_channels", channels);
        m.put("hidden", hidden);
        m.put("grouping", grouping.name());
        m.put("omega", omega.describe());
        m.put("neuron", neuron.describe());
        m.put("pairing", plainCarry() ? "own" : "(1,2),(1',2),(3,2'),(4,3')");
        return m;
    }

    public void bindName(String n) {
        this.name = n;
        lstm.bindName(n + ".lstm");
    }
}

package org.snnlab.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.layer.Chain;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Gelu;
import org.snnlab.layer.PatchMerging;
import org.snnlab.neuron.MultiReceptiveFieldRnn;
import org.snnlab.neuron.Projection;
import org.snnlab.neuron.WindowGrouping;
import org.snnlab.neuron.WindowNeuron;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The stages of the RNN variant of Yao et al.'s hybrid network (arXiv 2401.10843, the authors'
 * {@code layers_ecml_lstm_10.py}) as one layer, because their spiking mixers share ONE membrane map:
 * <pre>
 *   M = 0;  for each block (width w):  (S, M) = MRF-RNN(x, M);  x += Linear_{2w -> w}(S);  x += MLP(x)
 *           between stages:            x = PatchMerging_w(x);   M = PatchMerging_{2w}(M)   (learnable, 4(2w) -> 2(2w))
 * </pre>
 * ({@link MultiReceptiveFieldRnn} with LSTM hidden = w, so S and M have 2w channels; the per-pixel Linear
 * is a 1x1 convolution; the channel MLP is 1x1 conv (w -> ratio w), GELU, 1x1 conv back; no norms, as in
 * the code). Back-propagation runs the blocks in reverse with two gradients: the residual stream's and the
 * membrane map's ({@code dL/dM} of block j+1 flows into block j's LSTM through its membrane). One time step.
 */
public final class MrfRnnStages implements Layer {
    private final int[] widths;
    private final int[] blocks;
    private final List<Block> all = new ArrayList<>();
    private final List<PatchMerging[]> merges = new ArrayList<>();
    private final List<Param> params = new ArrayList<>();

    /** One block's layers. */
    private record Block(int stage, MultiReceptiveFieldRnn mixer, Conv2d fc, Chain mlp) { }

    /**
     * @param groupings one per block, in order (see {@link MrfNet#groupings()})
     */
    public MrfRnnStages(int[] widths, int[] blocks, int mlpRatio, List<WindowGrouping> groupings, Projection omega,
                        WindowNeuron neuron, DataType dtype, SplittableRandom rng) {
        this.widths = widths.clone();
        this.blocks = blocks.clone();
        int k = 0;
        for (int s = 0; s < widths.length; s++) {
            int w = widths[s];
            for (int b = 0; b < blocks[s]; b++, k++) {
                Block blk = new Block(s, new MultiReceptiveFieldRnn(w, w, groupings.get(k), omega, neuron, dtype, rng),
                        new Conv2d(2 * w, w, 1, 1, 0, true, dtype, rng),
                        new Chain("ChannelMlp", List.of(new Conv2d(w, mlpRatio * w, 1, 1, 0, true, dtype, rng), new Gelu(),
                                new Conv2d(mlpRatio * w, w, 1, 1, 0, true, dtype, rng))));
                all.add(blk);
                String p = "b" + k + ".";
                for (Param q : blk.mixer().params()) params.add(q.prefixed(p + "mixer."));
                for (Param q : blk.fc().params()) params.add(q.prefixed(p + "fc."));
                for (Param q : blk.mlp().params()) params.add(q.prefixed(p + "mlp."));
            }
            if (s < widths.length - 1) {
                PatchMerging[] pm = {new PatchMerging(w, dtype, rng), new PatchMerging(2 * w, dtype, rng)};
                merges.add(pm);
                for (Param q : pm[0].params()) params.add(q.prefixed("merge" + s + "."));
                for (Param q : pm[1].params()) params.add(q.prefixed("merge" + s + ".membrane."));
            }
        }
        bindName("mrf_rnn");
    }

    /** The blocks' mixers, in order. */
    public List<MultiReceptiveFieldRnn> mixers() { return all.stream().map(Block::mixer).toList(); }

    /** What one block kept for BPTT. */
    private record BlockPass(MultiReceptiveFieldRnn.Step mix, Forward fc, Forward mlp) { }

    /** What a stage change kept. */
    private record MergePass(Forward x, Forward m) { }

    @Override
    public Forward forward(Seq input, Pass pass) {
        if (input.steps() != 1)
            throw new IllegalArgumentException("the RNN variant runs at one time step (as the authors' code), got T = " + input.steps());
        INDArray x = input.data(), m = null;
        List<Object> tape = new ArrayList<>();
        int k = 0;
        for (int s = 0; s < widths.length; s++) {
            for (int b = 0; b < blocks[s]; b++, k++) {
                Block blk = all.get(k);
                MultiReceptiveFieldRnn.Step st = blk.mixer().forward(x, m, pass);
                Forward fc = blk.fc().forward(Seq.of(st.spikes(), 1), pass);
                x = x.add(fc.output().data());
                Forward mlp = blk.mlp().forward(Seq.of(x, 1), pass);
                x = x.add(mlp.output().data());
                m = st.membrane();
                tape.add(new BlockPass(st, fc, mlp));
            }
            if (s < widths.length - 1) {
                PatchMerging[] pm = merges.get(s);
                Forward fx = pm[0].forward(Seq.of(x, 1), pass), fm = pm[1].forward(Seq.of(m, 1), pass);
                x = fx.output().data();
                m = fm.output().data();
                tape.add(new MergePass(fx, fm));
            }
        }
        Seq out = Seq.of(x, 1); // time-varying like the CNN mixer's output (one step)
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                INDArray g = MrfRnnStages.backward(tape, grad.data());
                return needInputGrad ? new Seq(g, 1, input.isStatic()) : null;
            }
        };
    }

    private static INDArray backward(List<Object> tape, INDArray grad) {
        INDArray gx = grad.dup(), gm = null;
        for (int i = tape.size() - 1; i >= 0; i--) {
            if (tape.get(i) instanceof MergePass mp) {
                if (gm != null) gm = mp.m().backward(Seq.of(gm, 1), true).data();
                gx = mp.x().backward(Seq.of(gx, 1), true).data();
                continue;
            }
            BlockPass bp = (BlockPass) tape.get(i);
            gx = gx.add(bp.mlp().backward(Seq.of(gx.dup(), 1), true).data());
            INDArray gs = bp.fc().backward(Seq.of(gx.dup(), 1), true).data();
            gm = bp.mix().backward(gs, gm); // the mixer's input is Bernoulli-sampled: no gradient into x
        }
        return gx;
    }

    @Override
    public long[] outputShape(long[] in) {
        long[] s = in.clone();
        int k = 0;
        for (int st = 0; st < widths.length; st++) {
            for (int b = 0; b < blocks[st]; b++, k++) all.get(k).mixer().outputShape(s);
            if (st < widths.length - 1) s = new long[]{2L * widths[st], s[1] / 2, s[2] / 2};
        }
        return s;
    }

    @Override
    public List<Param> params() { return params; }

    @Override
    public String type() { return "MrfRnnStages"; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("widths", java.util.Arrays.toString(widths));
        m.put("blocks", java.util.Arrays.toString(blocks));
        for (int k = 0; k < all.size(); k++) m.put("b" + k + ".mixer", all.get(k).mixer().spec());
        m.put("membrane", "shared across blocks, PatchMerging(2w) between stages");
        return m;
    }

    @Override
    public void bindName(String n) {
        for (int k = 0; k < all.size(); k++) {
            Block b = all.get(k);
            b.mixer().bindName(n + ".b" + k + ".mixer");
            b.fc().bindName(n + ".b" + k + ".fc");
            b.mlp().bindName(n + ".b" + k + ".mlp");
        }
        for (int s = 0; s < merges.size(); s++) {
            merges.get(s)[0].bindName(n + ".merge" + s);
            merges.get(s)[1].bindName(n + ".merge" + s + ".membrane");
        }
    }
}

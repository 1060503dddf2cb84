package org.snnlab.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.core.Layer;
import org.snnlab.layer.AvgPool2d;
import org.snnlab.layer.Chain;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.layer.Flatten;
import org.snnlab.layer.Gelu;
import org.snnlab.layer.Pad2d;
import org.snnlab.layer.PatchMerging;
import org.snnlab.layer.Residual;
import org.snnlab.neuron.MultiReceptiveField;
import org.snnlab.neuron.MultiReceptiveFieldRnn;
import org.snnlab.neuron.Projection;
import org.snnlab.neuron.WindowGrouping;
import org.snnlab.neuron.WindowLif;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The hybrid Sequencer2D-style network of Yao, Wu, Chen and Zhang 2023 (arXiv 2401.10843), as the
 * authors' code builds it on "sequencer2d_s":
 * <pre>
 *   [Pad2d(2) for 28x28 input] -> patch stem Conv(C_in -> w0, 2x2, stride 2)
 *   -> stages s = 0..S-1 of blocks:  x += Conv1x1(MRF(x));  x += Conv1x1(GELU(Conv1x1(x)))  (ratio 3)
 *      with PatchMerging (Linear 4C -> 2C) between stages
 *   -> mean pool -> Linear(w_last -> classes), zero-initialised
 * </pre>
 * a real-valued residual stream, an ANN channel MLP and a SPIKING token mixer ({@link MultiReceptiveField},
 * CNN variant; no norms, as in the code). The RNN variant ({@link Mixer#RNN}, the authors' {@code layers_ecml_lstm_10.py})
 * replaces the stages by {@link MrfRnnStages}: mixers {@link MultiReceptiveFieldRnn} (a bidirectional LSTM over
 * each window's tokens, one leaky layer, the code's pairing of windows) sharing one membrane map across blocks,
 * each followed by a per-pixel Linear(2w -> w); one time step. Grouping alternates between blocks, non-dilated first; the last
 * stage is always non-dilated; with {@code grouping} off every mixer takes the whole map in one pass (the
 * no-grouping ablation; with T > 1 and Omega none, plain multi-step LIF). The output is the head's value at
 * every step (train with a membrane loss, e.g. ce-mem).
 *
 * @param inChannels input channels (1 grey, 3 colour)
 * @param side       input side (28 is padded to 32; 32 as is)
 * @param widths     stage widths, each twice the previous (the paper's 48/96/192/384; ours 16/32/64)
 * @param blocks     blocks per stage (the paper's 2/2/6/2; ours 1/1/1)
 * @param mlpRatio   channel MLP expansion (3)
 * @param classes    output classes
 * @param grouping   window grouping on, or the whole map in one pass
 * @param omega      the projection Omega
 * @param neuron     the mixer's neuron ({@link WindowLif#paper()})
 * @param mixer      the ops inside a window: two spiking convolutions (CNN) or a bidirectional LSTM (RNN)
 */
public record MrfNet(int inChannels, int side, int[] widths, int[] blocks, int mlpRatio, int classes, boolean grouping,
                     Projection omega, WindowLif neuron, Mixer mixer) {

    /** The spiking token mixer's ops inside a window. */
    public enum Mixer { CNN, RNN }

    /**
     * The network's sizes: {@code tiny} widths 8/16/32 (smoke tests), {@code small} 16/32/64 (our default scale),
     * one block per stage; {@code paper} the authors' sequencer2d_s, widths 48/96/192/384, blocks 2/2/6/2.
     */
    public enum Size {
        TINY(new int[]{8, 16, 32}, new int[]{1, 1, 1}), SMALL(new int[]{16, 32, 64}, new int[]{1, 1, 1}),
        PAPER(new int[]{48, 96, 192, 384}, new int[]{2, 2, 6, 2});

        private final int[] widths;
        private final int[] blocks;

        Size(int[] widths, int[] blocks) {
            this.widths = widths;
            this.blocks = blocks;
        }

        public int[] widths() { return widths.clone(); }

        public int[] blocks() { return blocks.clone(); }

        /** The name in a spec and on the command line: tiny, small, paper. */
        public String cliName() { return name().toLowerCase(java.util.Locale.ROOT); }

        /**
         * The size named {@code s}.
         *
         * @throws IllegalArgumentException one line naming the bad value
         */
        public static Size parse(String s) {
            for (Size z : values()) if (z.cliName().equals(s)) return z;
            throw new IllegalArgumentException("--mrf-size must be tiny, small or paper, got '" + s + "'");
        }
    }

    /** The CNN variant. */
    public MrfNet(int inChannels, int side, int[] widths, int[] blocks, int mlpRatio, int classes, boolean grouping, Projection omega,
                  WindowLif neuron) {
        this(inChannels, side, widths, blocks, mlpRatio, classes, grouping, omega, neuron, Mixer.CNN);
    }

    public MrfNet {
        if (mixer == null) throw new IllegalArgumentException("mixer must not be null");
        for (int b : blocks) if (b < 1) throw new IllegalArgumentException("each stage needs >= 1 block, got " + Arrays.toString(blocks));
        if (inChannels < 1) throw new IllegalArgumentException("input channels must be >= 1, got " + inChannels);
        if (side != 28 && side != 32) throw new IllegalArgumentException("mrf-cnn and mrf-rnn take 28x28 (padded to 32) or 32x32 images, got side " + side);
        if (widths.length < 1 || widths.length != blocks.length)
            throw new IllegalArgumentException("widths and blocks need one entry per stage, got " + Arrays.toString(widths) + ", " + Arrays.toString(blocks));
        for (int i = 1; i < widths.length; i++)
            if (widths[i] != 2 * widths[i - 1]) throw new IllegalArgumentException("each stage doubles the width (PatchMerging 4C -> 2C), got " + Arrays.toString(widths));
        if (16 >> (widths.length - 1) < 2) throw new IllegalArgumentException("at most 4 stages on a 32x32 input, got " + widths.length);
        if (classes < 2) throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        widths = widths.clone();
        blocks = blocks.clone();
    }

    /** Our default scale: widths 16/32/64, one block per stage (non-dilated, dilated, non-dilated). */
    public static MrfNet small(int inChannels, int side, int classes, boolean grouping, Projection omega) {
        return new MrfNet(inChannels, side, new int[]{16, 32, 64}, new int[]{1, 1, 1}, 3, classes, grouping, omega, WindowLif.paper());
    }

    /** The authors' sequencer2d_s sizes: widths 48/96/192/384, blocks 2/2/6/2. */
    public static MrfNet paper(int inChannels, int side, int classes, boolean grouping, Projection omega) {
        return new MrfNet(inChannels, side, new int[]{48, 96, 192, 384}, new int[]{2, 2, 6, 2}, 3, classes, grouping, omega, WindowLif.paper());
    }

    /** A network of a named size, channel-MLP ratio 3 and the paper's neuron. */
    public static MrfNet of(Size size, Mixer mixer, int inChannels, int side, int classes, boolean grouping, Projection omega) {
        return new MrfNet(inChannels, side, size.widths(), size.blocks(), 3, classes, grouping, omega, WindowLif.paper(), mixer);
    }

    /** The grouping of every block in order (non-dilated / dilated alternating, last stage non-dilated; WHOLE when off). */
    public List<WindowGrouping> groupings() {
        List<WindowGrouping> g = new ArrayList<>();
        int k = 0;
        for (int s = 0; s < widths.length; s++)
            for (int b = 0; b < blocks[s]; b++, k++)
                g.add(!grouping ? WindowGrouping.WHOLE : s == widths.length - 1 || k % 2 == 0 ? WindowGrouping.NON_DILATED : WindowGrouping.DILATED);
        return g;
    }

    public Sequential build(DataType dtype, SplittableRandom rng) {
        List<Layer> layers = new ArrayList<>();
        if (side == 28) layers.add(new Pad2d(2));
        layers.add(new Conv2d(inChannels, widths[0], 2, 2, 0, true, dtype, rng));
        if (mixer == Mixer.RNN) layers.add(new MrfRnnStages(widths, blocks, mlpRatio, groupings(), omega, neuron, dtype, rng));
        else stages(layers, dtype, rng);
        layers.add(new AvgPool2d(16 >> (widths.length - 1)));
        layers.add(new Flatten());
        Dense head = new Dense(widths[widths.length - 1], classes, true, dtype, rng);
        head.weight().value().assign(0);
        head.bias().value().assign(0);
        layers.add(head);
        return new Sequential(layers);
    }

    private void stages(List<Layer> layers, DataType dtype, SplittableRandom rng) {
        List<WindowGrouping> g = groupings();
        int k = 0;
        for (int s = 0; s < widths.length; s++) {
            int w = widths[s];
            for (int b = 0; b < blocks[s]; b++, k++) {
                layers.add(new Residual(new Chain("SpikingMixer", List.of(
                        new MultiReceptiveField(w, w, g.get(k), omega, neuron, dtype, rng), new Conv2d(w, w, 1, 1, 0, true, dtype, rng)))));
                layers.add(new Residual(new Chain("ChannelMlp", List.of(new Conv2d(w, mlpRatio * w, 1, 1, 0, true, dtype, rng), new Gelu(),
                        new Conv2d(mlpRatio * w, w, 1, 1, 0, true, dtype, rng)))));
            }
            if (s < widths.length - 1) layers.add(new PatchMerging(w, dtype, rng));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MrfNet m && inChannels == m.inChannels && side == m.side && Arrays.equals(widths, m.widths)
                && Arrays.equals(blocks, m.blocks) && mlpRatio == m.mlpRatio && classes == m.classes && grouping == m.grouping
                && omega.describe().equals(m.omega.describe()) && neuron.equals(m.neuron) && mixer == m.mixer;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(inChannels, side, Arrays.hashCode(widths), Arrays.hashCode(blocks), mlpRatio, classes, grouping, omega.describe(), mixer);
    }

    @Override
    public String toString() {
        return "MrfNet[" + mixer + ", widths=" + Arrays.toString(widths) + ", blocks=" + Arrays.toString(blocks) + ", grouping=" + grouping
                + ", omega=" + omega.describe() + "]";
    }
}

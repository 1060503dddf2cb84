package org.snnlab.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.snnlab.core.ActivityStats;
import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.core.Workspace;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.layer.Flatten;
import org.snnlab.layer.MaxPool2d;
import org.snnlab.layer.AvgPool2d;
import org.snnlab.layer.SumPool2d;
import org.snnlab.neuron.Lif;

import java.util.ArrayList;
import java.util.List;

/**
 * Back-propagation through time with a checkpointed time loop (gradient checkpointing, Chen et al.
 * 2016, "Training deep nets with sublinear memory cost", applied to the T steps): the T steps are
 * cut into segments of K. The forward pass runs segment by segment through the whole network, each
 * {@link Lif} layer continuing from the state the previous segment ended in
 * ({@link Lif#forwardSegment}), and keeps only the network's output and each neuron layer's state at
 * every segment boundary ({@code [B, N]} membrane and spikes per boundary). The backward pass walks
 * the segments from the last: it recomputes one segment's forward pass from its stored start state,
 * back-propagates through it, and hands the gradient with respect to that start state to the
 * segment before ({@link Lif.Segment#backward(Seq, boolean, Lif.Carry, Lif.Carry)}).
 *
 * <p>Memory: one segment's activations (K steps instead of T; each segment runs in a nested workspace
 * that the next reuses) plus {@code T/K} boundary states; cost: one more forward pass. The gradients
 * are those of the plain path (a test holds them equal); parameter gradients accumulate over the
 * segments. Only layers that act on each step alone take part (Dense, Conv2d, pooling, Flatten) plus
 * {@link Lif}: BatchNorm's statistics over all T*B rows, dropout masks and other neurons are refused.
 */
public final class TimeCheckpoint {
    private final Sequential net;
    private final Pass pass;
    private final int every;
    private final int steps;
    private final int batch;
    private final Seq input;
    private final List<Integer> lifs = new ArrayList<>();
    /** bounds[l][j]: the state of lif l at the end of segment j (j < segments - 1). */
    private final Lif.Carry[][] bounds;
    private INDArray output;

    private TimeCheckpoint(Sequential net, Seq x, Pass pass, int every) {
        this.net = net;
        this.pass = pass;
        this.every = every;
        this.steps = x.steps();
        this.batch = x.batch();
        this.input = x;
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) if (layers.get(i) instanceof Lif) lifs.add(i);
        bounds = new Lif.Carry[lifs.size()][segments() - 1];
        DataType dt = x.data().dataType();
        for (int l = 0; l < lifs.size(); l++)
            for (int j = 0; j < segments() - 1; j++) bounds[l][j] = carry(dt, ((Lif) layers.get(lifs.get(l))).size());
    }

    /**
     * The checkpointed forward pass of {@code net} over {@code x} in segments of {@code every} steps;
     * {@link #output()} is the network's output over all T steps, {@link #backward} the BPTT.
     */
    public static TimeCheckpoint forward(Sequential net, Seq x, Pass pass, int every) {
        if (every < 1) throw new IllegalArgumentException("time checkpoint interval must be >= 1, got " + every);
        check(net);
        TimeCheckpoint tc = new TimeCheckpoint(net, x, pass, every);
        tc.runForward();
        return tc;
    }

    /** Refuses a network with a layer that couples time steps or draws per-row randomness, by name. */
    public static void check(Sequential net) {
        for (int i = 0; i < net.layers().size(); i++) {
            Layer l = net.layers().get(i);
            boolean ok = l instanceof Dense || l instanceof Conv2d || l instanceof AvgPool2d || l instanceof MaxPool2d
                    || l instanceof SumPool2d || l instanceof Flatten || l instanceof Lif;
            if (!ok)
                throw new IllegalArgumentException("time checkpointing: layer " + net.names().get(i) + " (" + l.type()
                        + ") is not supported; only Dense, Conv2d, pooling, Flatten and Lif layers, which act on each step alone or"
                        + " carry their state in the membrane (BatchNorm's statistics span all T steps)");
        }
    }

    private int segments() {
        return (steps + every - 1) / every;
    }

    private int length(int j) {
        return Math.min(every, steps - j * every);
    }

    private static Lif.Carry carry(DataType dt, long n, long b) {
        return new Lif.Carry(Nd4j.createUninitializedDetached(dt, b, n).assign(0), Nd4j.createUninitializedDetached(dt, b, n).assign(0));
    }

    private Lif.Carry carry(DataType dt, long n) {
        return carry(dt, n, batch);
    }

    /** The rows of segment j of a time-major sequence (a view; a static sequence stays static). */
    private Seq slice(Seq s, int j) {
        if (s.isStatic()) return Seq.constant(s.data(), length(j));
        long t0 = (long) j * every;
        return Seq.of(s.data().get(NDArrayIndex.interval(t0 * batch, (t0 + length(j)) * batch)), length(j));
    }

    /** Forward records of segment j; {@code keepEnd}: write the boundary states after it. */
    private List<Forward> segment(int j, Pass p, boolean keepEnd) {
        List<Forward> fs = new ArrayList<>();
        Seq h = slice(input, j);
        List<Layer> layers = net.layers();
        for (int i = 0, l = 0; i < layers.size(); i++) {
            Forward f;
            if (layers.get(i) instanceof Lif lif) {
                Lif.Carry start = j == 0 ? null : bounds[l][j - 1];
                Lif.Carry end = keepEnd && j < segments() - 1 ? bounds[l][j] : null;
                f = lif.forwardSegment(h, p, start, end);
                l++;
            } else {
                f = layers.get(i).forward(h, p);
            }
            fs.add(f);
            h = f.output();
        }
        return fs;
    }

    private void runForward() {
        for (int j = 0; j < segments(); j++) {
            int seg = j;
            Workspace.scope("ckpt-forward", pass.compute(), () -> {
                List<Forward> fs = segment(seg, pass, true);
                INDArray y = fs.get(fs.size() - 1).output().expand().data();
                if (output == null) {
                    long[] shape = y.shape().clone();
                    shape[0] = (long) steps * batch;
                    output = Nd4j.createUninitializedDetached(y.dataType(), shape);
                }
                long t0 = (long) seg * every;
                output.get(NDArrayIndex.interval(t0 * batch, (t0 + length(seg)) * batch)).assign(y);
            });
        }
    }

    /** The network's output over all T steps {@code [T*B, ...]}. */
    public Seq output() {
        return Seq.of(output, steps);
    }

    /**
     * BPTT of {@code grad} (dL/d output, as for {@link Sequential.Trace#backward}): parameter gradients
     * accumulate into the parameters; the network's input gets none.
     */
    public void backward(Seq grad) {
        int first = 0;
        while (first < net.layers().size() && net.layers().get(first).params().isEmpty()) first++;
        DataType dt = input.data().dataType();
        Lif.Carry[][] carries = new Lif.Carry[2][lifs.size()]; // [0]: from the next segment, [1]: to the previous one
        for (int l = 0; l < lifs.size(); l++) {
            long n = ((Lif) net.layers().get(lifs.get(l))).size();
            carries[0][l] = carry(dt, n);
            carries[1][l] = carry(dt, n);
        }
        Pass quiet = pass.withStats(ActivityStats.NONE); // the recomputation is not a second pass to count
        int firstTrainable = first;
        for (int j = segments() - 1; j >= 0; j--) {
            int seg = j;
            Workspace.scope("ckpt-backward", pass.compute(), () -> {
                List<Forward> fs = segment(seg, quiet, false);
                Seq g = slice(grad, seg);
                for (int i = fs.size() - 1, l = lifs.size() - 1; i >= 0; i--) {
                    boolean need = i > firstTrainable;
                    if (fs.get(i) instanceof Lif.Segment s) {
                        g = s.backward(g, need, seg == segments() - 1 ? null : carries[0][l], seg == 0 ? null : carries[1][l]);
                        l--;
                    } else {
                        g = fs.get(i).backward(g, need);
                    }
                    if (!need) break;
                }
            });
            Lif.Carry[] handedBack = carries[1]; // what this segment handed back is what the one before it receives
            carries[1] = carries[0];
            carries[0] = handedBack;
        }
    }
}

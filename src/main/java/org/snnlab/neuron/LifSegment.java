package org.snnlab.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.List;

/**
 * One segment of K steps of a {@link Lif} layer that continues from the state the previous segment
 * ended in: the neuron's part of time-loop checkpointing (the driver is
 * {@code org.snnlab.model.TimeCheckpoint}). The state enters through the segment's first input row,
 * <pre>
 *   SUBTRACT: I'[0] = I[0] + beta u_prev - theta s_prev
 *   ZERO:     I'[0] = I[0] + beta u_prev (1 - s_prev)
 *   NONE:     I'[0] = I[0] + beta u_prev
 * </pre>
 * so that any {@link LifKernel}, starting from rest ({@code u[0] = I[0]}), computes exactly the step it
 * would have computed inside one long recurrence (the same float operations in the same order), and
 * the kernels need no new code. Backward, with {@code g0 = dL/dI'[0] = dL/du[t0]}:
 * <pre>
 *   dL/du_prev = beta g0             (ZERO: beta (1 - s_prev) g0)
 *   dL/ds_prev = -theta g0           (ZERO: -beta u_prev g0; NONE or a detached reset: 0)
 *   dtheta    -= sum_b g0 s_prev     (SUBTRACT)
 *   dbeta     += sum_b g0 u_prev     (ZERO: u_prev (1 - s_prev))
 * </pre>
 * which are the terms BPTT through the boundary step has (see {@link FusedLifKernel}'s backward);
 * the previous segment receives dL/du_prev as a membrane gradient and dL/ds_prev as a spike gradient
 * on its last step.
 */
final class LifSegment implements Lif.Segment {
    private final Lif lif;
    private final Seq input;
    private final Lif.Carry start;
    private final LifKernel kernel;
    private final LifKernel.Spec spec;
    private final LifKernel.State state;
    private final Seq output;

    LifSegment(Lif lif, LifKernel forced, Seq input, Pass pass, Lif.Carry start, Lif.Carry endInto) {
        this.lif = lif;
        this.input = input;
        this.start = start;
        LifConfig c = lif.config();
        int B = input.batch(), T = input.steps(), N = lif.size();
        boolean mem = c.output() == LifConfig.Output.MEMBRANE, stat = input.isStatic() && start == null;
        INDArray current = (stat ? input : input.expand()).data().reshape('c', stat ? B : (long) T * B, N);
        if (start != null) {
            current = current.dup('c');
            inject(Seq.rows(current, 0, B), c, start);
        }
        spec = new LifKernel.Spec(T, B, N, stat, c.reset(), c.detachReset(), c.surrogate(), c.spikeFn(), mem || endInto != null,
                c.learnThreshold() || c.learnBeta());
        kernel = forced != null ? forced : Lif.kernelFor(spec, current, lif.beta(), pass.compute());
        state = kernel.forward(spec, current, lif.beta(), lif.threshold());
        Lif.recordStats(lif.name(), N, state.spikes(), T, B, pass);
        if (endInto != null) {
            endInto.membrane().assign(Seq.rows(state.membrane(), T - 1, B));
            endInto.spikes().assign(Seq.rows(state.spikes(), T - 1, B));
        }
        output = Seq.of(mem ? state.membrane() : state.spikes(), T).reshapeFeatures(input.featureShape());
    }

    /** Adds the previous segment's end state into the first input row, in the kernels' order of operations. */
    private void inject(INDArray row0, LifConfig c, Lif.Carry s) {
        INDArray leak = s.membrane().mulRowVector(lif.beta());
        switch (c.reset()) {
            case SUBTRACT -> row0.addi(leak).subi(s.spikes().mulRowVector(lif.threshold()));
            case ZERO -> row0.addi(leak.muli(s.spikes().rsub(1)));
            case NONE -> row0.addi(leak);
        }
    }

    @Override
    public Seq output() { return output; }

    @Override
    public Seq backward(Seq grad, boolean needInputGrad) {
        return backward(grad, needInputGrad, null, null);
    }

    @Override
    public Seq backward(Seq grad, boolean needInputGrad, Lif.Carry fromNext, Lif.Carry toPrevious) {
        if (toPrevious != null && start == null) throw new IllegalStateException("the first segment has no previous one");
        LifConfig c = lif.config();
        int T = spec.steps(), B = spec.batch(), N = spec.neurons();
        boolean mem = c.output() == LifConfig.Output.MEMBRANE;
        INDArray g = grad.expand().data().reshape('c', (long) T * B, N);
        INDArray gS = mem ? null : g, gM = mem ? g : null;
        if (fromNext != null) { // the next segment's dL/du, dL/ds of this segment's last step (written into the incoming gradient)
            if (gM == null) gM = Nd4j.zeros(g.dataType(), (long) T * B, N);
            if (gS == null) gS = Nd4j.zeros(g.dataType(), (long) T * B, N);
            Seq.rows(gM, T - 1, B).addi(fromNext.membrane());
            Seq.rows(gS, T - 1, B).addi(fromNext.spikes());
        }
        LifKernel.Grads gr = kernel.backward(spec, state, gS, gM, lif.beta(), lif.threshold());
        List<Param> params = lif.params();
        INDArray gThr = gr.threshold(), gBeta = gr.beta();
        if (start != null) {
            INDArray g0 = Seq.rows(gr.input(), 0, B);
            if (toPrevious != null) carry(g0, c, toPrevious);
            if (c.learnThreshold() && c.reset() == ResetMode.SUBTRACT) gThr = gThr.sub(g0.mul(start.spikes()).sum(0).reshape(N));
            if (c.learnBeta()) {
                INDArray kept = c.reset() == ResetMode.ZERO ? start.membrane().mul(start.spikes().rsub(1)) : start.membrane();
                gBeta = gBeta.add(g0.mul(kept).sum(0).reshape(N));
            }
        }
        if (c.learnThreshold()) params.get(0).grad().addi(gThr);
        if (c.learnBeta()) params.get(params.size() - 1).grad().addi(gBeta);
        if (!needInputGrad) return null;
        long[] featureShape = input.featureShape();
        INDArray gi = gr.input();
        Seq out = new Seq(gi.reshape('c', Lif.prepend(gi.size(0), featureShape)), T, spec.staticInput());
        return input.isStatic() && !spec.staticInput() ? out.sumOverTime() : out;
    }

    /** dL/du_prev and dL/ds_prev from {@code g0 = dL/du[t0]} (see the class comment). */
    private void carry(INDArray g0, LifConfig c, Lif.Carry to) {
        INDArray du = g0.mulRowVector(lif.beta());
        if (c.reset() == ResetMode.ZERO) du.muli(start.spikes().rsub(1));
        to.membrane().assign(du);
        if (c.detachReset() || c.reset() == ResetMode.NONE) to.spikes().assign(0);
        else if (c.reset() == ResetMode.SUBTRACT) to.spikes().assign(g0.mulRowVector(lif.threshold()).negi());
        else to.spikes().assign(g0.mul(start.membrane()).muliRowVector(lif.beta()).negi());
    }
}

package org.snnlab.neuron;

import org.snnlab.core.Seq;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link LifKernel} in pure ND4J ops, one block of B rows per time step: the reference path, and the
 * one an ND4J GPU backend runs. Works for any floating dtype (double for gradient checks).
 */
public final class Nd4jLifKernel implements LifKernel {


    private static INDArray spike(Spec spec, INDArray x) {
        if (spec.spikeFn() == SpikeFn.HEAVISIDE) return x.gt(0).castTo(x.dataType());
        INDArray out = x.dup();
        for (long i = 0; i < out.length(); i++) out.putScalar(i, spec.surrogate().primitive(x.getDouble(i)));
        return out;
    }

    @Override
    public State forward(Spec spec, INDArray current, INDArray beta, INDArray threshold) {
        int T = spec.steps(), B = spec.batch(), N = spec.neurons();
        INDArray in = current.reshape('c', spec.staticInput() ? B : (long) T * B, N);
        INDArray spikes = Nd4j.create(current.dataType(), (long) T * B, N);
        INDArray mem = Nd4j.create(current.dataType(), (long) T * B, N);
        INDArray u = Nd4j.zeros(current.dataType(), B, N);
        INDArray s = Nd4j.zeros(current.dataType(), B, N);
        for (int t = 0; t < T; t++) {
            INDArray it = spec.staticInput() ? in : Seq.rows(in, t, B);
            INDArray next = switch (spec.reset()) {
                case SUBTRACT -> u.mulRowVector(beta).addi(it).subi(s.mulRowVector(threshold));
                case ZERO -> u.mul(s.rsub(1)).muliRowVector(beta).addi(it);
                case NONE -> u.mulRowVector(beta).addi(it);
            };
            u = next;
            s = spike(spec, u.subRowVector(threshold));
            Seq.rows(mem, t, B).assign(u);
            Seq.rows(spikes, t, B).assign(s);
        }
        return new State(spikes, mem, current);
    }

    @Override
    public Grads backward(Spec spec, State st, INDArray gradSpikes, INDArray gradMembrane,
                          INDArray beta, INDArray threshold) {
        int T = spec.steps(), B = spec.batch(), N = spec.neurons();
        var dt = st.membrane().dataType();
        INDArray gIn = Nd4j.zeros(dt, spec.staticInput() ? B : (long) T * B, N);
        INDArray gThr = Nd4j.zeros(dt, N);
        INDArray gBeta = Nd4j.zeros(dt, N);
        INDArray gNext = Nd4j.zeros(dt, B, N); // dL/du[t+1]
        for (int t = T - 1; t >= 0; t--) {
            INDArray u = Seq.rows(st.membrane(), t, B), s = Seq.rows(st.spikes(), t, B);
            INDArray gs = gradSpikes == null ? Nd4j.zeros(dt, B, N) : Seq.rows(gradSpikes, t, B).dup();
            if (!spec.detachReset()) {
                if (spec.reset() == ResetMode.SUBTRACT) gs.subi(gNext.mulRowVector(threshold));
                if (spec.reset() == ResetMode.ZERO) gs.subi(gNext.mul(u).muliRowVector(beta));
            }
            INDArray sg = spec.surrogate().grad(u.subRowVector(threshold));
            INDArray gsSg = gs.mul(sg);
            INDArray gu = switch (spec.reset()) {
                case ZERO -> gNext.mul(s.rsub(1)).muliRowVector(beta).addi(gsSg);
                default -> gNext.mulRowVector(beta).addi(gsSg);
            };
            if (gradMembrane != null) gu.addi(Seq.rows(gradMembrane, t, B));
            gThr.subi(gsSg.sum(0).reshape(N));
            if (spec.reset() == ResetMode.SUBTRACT) gThr.subi(gNext.mul(s).sum(0).reshape(N));
            if (t > 0) {
                INDArray uPrev = Seq.rows(st.membrane(), t - 1, B);
                INDArray kept = spec.reset() == ResetMode.ZERO ? uPrev.mul(Seq.rows(st.spikes(), t - 1, B).rsub(1)) : uPrev;
                gBeta.addi(gu.mul(kept).sum(0).reshape(N));
            }
            if (spec.staticInput()) gIn.addi(gu);
            else Seq.rows(gIn, t, B).assign(gu);
            gNext = gu;
        }
        return new Grads(gIn, gThr, gBeta);
    }
}

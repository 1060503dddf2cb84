package org.snnlab.train;

import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.loss.Loss;
import org.snnlab.loss.LossResult;
import org.snnlab.model.Sequential;
import org.snnlab.prune.ExampleScorer;
import org.snnlab.prune.ExampleScores;

/**
 * The one training step the {@link Trainer} and the benchmarks share: forward over all T steps, the
 * loss, and back-propagation through time, leaving {@code dL/dtheta} in every parameter's gradient
 * accumulator (zeroed first). The optimizer step is the caller's. Call it inside
 * {@link org.snnlab.core.Workspace#step}: what it returns are Java values, its arrays die with the
 * workspace.
 */
public final class TrainStep {
    private TrainStep() { }

    /** Sees the batch loss before back-propagation (a NaN/Inf guard throws here). */
    @FunctionalInterface
    public interface LossCheck {
        void check(double loss);

        /** Accepts any loss. */
        LossCheck NONE = l -> { };
    }

    /**
     * What a step leaves behind.
     *
     * @param loss      the batch's mean loss (weighted when the step had example weights)
     * @param predicted the predicted class of every example
     * @param scores    per-example statistics when the step had a probe, else null
     */
    public record Result(double loss, int[] predicted, ExampleScores scores) {
        /** How many predictions equal {@code labels}. */
        public int correct(int[] labels) {
            int c = 0;
            for (int i = 0; i < predicted.length; i++) if (predicted[i] == labels[i]) c++;
            return c;
        }
    }

    /**
     * Forward, loss and BPTT of one batch.
     *
     * @param x      the encoded input over T steps
     * @param labels the class of every example
     * @param pass   this batch's pass (training mode, its random stream, its statistics sink)
     * @param check  sees the loss before the backward pass
     */
    public static Result run(Sequential model, Loss loss, Seq x, int[] labels, Pass pass, LossCheck check) {
        int every = pass.compute().timeCheckpoint();
        if (every > 0 && every < x.steps()) return checkpointed(model, loss, x, labels, pass, check, every);
        Sequential.Trace trace = model.forward(x, pass);
        LossResult res = loss.evaluate(trace.output(), labels, null);
        check.check(res.value());
        model.zeroGrad();
        trace.backward(res.gradient(), false);
        return new Result(res.value(), loss.predict(trace.output()), null);
    }

    /** {@link #run} inside a step workspace {@code id} ({@link org.snnlab.core.Workspace#step}). */
    public static Result inWorkspace(String id, Sequential model, Loss loss, Seq x, int[] labels, Pass pass, LossCheck check) {
        return org.snnlab.core.Workspace.step(id, pass.compute(), () -> run(model, loss, x, labels, pass, check));
    }

    /**
     * The same step with the time loop checkpointed every {@code every} steps
     * ({@link org.snnlab.model.TimeCheckpoint}): the same loss and gradients, memory for {@code every}
     * steps instead of T, one more forward pass.
     */
    private static Result checkpointed(Sequential model, Loss loss, Seq x, int[] labels, Pass pass, LossCheck check, int every) {
        org.snnlab.model.TimeCheckpoint tc = org.snnlab.model.TimeCheckpoint.forward(model, x, pass, every);
        LossResult res = loss.evaluate(tc.output(), labels, null);
        check.check(res.value());
        model.zeroGrad();
        tc.backward(res.gradient());
        return new Result(res.value(), loss.predict(tc.output()), null);
    }

    /**
     * The same step with per-example loss weights (importance sampling: the Horvitz-Thompson weights of
     * a pruned epoch) and a probe that takes per-example statistics from this very forward and backward
     * pass (it is added to the pass's statistics sink and taps the backward).
     *
     * @param weights per-example loss weights, or null for all 1
     * @param probe   the batch's probe, or null for none
     */
    public static Result run(Sequential model, Loss loss, Seq x, int[] labels, double[] weights, Pass pass, LossCheck check,
                             ExampleScorer.Probe probe) {
        if (pass.compute().timeCheckpoint() > 0 && (probe != null || weights != null))
            throw new IllegalArgumentException("time checkpointing (snnlab.time-checkpoint) does not support example weights"
                    + " or per-example probes (data pruning); run without it");
        Pass p = probe == null ? pass : pass.withStats(pass.stats().andThen(probe));
        Sequential.Trace trace = model.forward(x, p);
        LossResult res = loss.evaluate(trace.output(), labels, weights);
        check.check(res.value());
        if (probe != null) probe.lossDone(trace, x, res, weights, pass.compute());
        model.zeroGrad();
        trace.backward(res.gradient(), false, probe);
        return new Result(res.value(), loss.predict(trace.output()), probe == null ? null : probe.finish());
    }
}

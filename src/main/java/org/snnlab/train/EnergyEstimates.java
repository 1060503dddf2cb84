package org.snnlab.train;

import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Pass;
import org.snnlab.core.Workspace;
import org.snnlab.data.Batch;
import org.snnlab.data.Batches;
import org.snnlab.data.Dataset;
import org.snnlab.data.Encoder;
import org.snnlab.model.Sequential;
import org.snnlab.train.energy.OpCounter;

import java.util.SplittableRandom;

/**
 * Operation counts of a trained network on data, for energy tables ({@link OpCounter}): inference-mode
 * forward passes over the first {@code limit} examples, encoded as in training, counting the spikes the
 * network actually produces. Then {@code counter.layers()} (per layer and example), {@code counter.total()},
 * and {@code LayerOps.snnJoules(EnergyProfile.HOROWITZ_45NM)} / {@code annJoules(...)} (the same-shaped ANN).
 */
public final class EnergyEstimates {
    private EnergyEstimates() { }

    /** Counts on the first {@code limit} examples of {@code data} with {@code spec}'s encoder, T and batch size. */
    public static OpCounter count(TrainSpec spec, Sequential model, Dataset data, int limit) {
        return count(model, data, spec.encoder().create(), spec.timeSteps(), spec.batch(), limit, spec.seed(), spec.compute());
    }

    /** Counts on the first {@code limit} examples of {@code data} (inference mode, seeded per batch). */
    public static OpCounter count(Sequential model, Dataset data, Encoder encoder, int steps, int batch, int limit, long seed,
                                  ComputeOptions compute) {
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        int n = Math.min(limit, data.size());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        OpCounter counter = new OpCounter();
        for (int b = 0; b * batch < n; b++) {
            Batch bt = Batches.batch(data, order, batch, b, encoder.timeMajorBatches());
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + b);
            Workspace.step("ops", compute, () -> model.forward(encoder.encode(bt.features(), steps, rng),
                    new Pass(false, rng, counter, compute)).output());
        }
        return counter;
    }
}

package org.snnlab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.core.Seq;
import org.snnlab.data.DirectEncoder;
import org.snnlab.data.InMemoryDataset;
import org.snnlab.loss.CrossEntropyCount;
import org.snnlab.loss.Loss;
import org.snnlab.loss.LossResult;
import org.snnlab.model.Models;
import org.snnlab.neuron.LifConfig;
import org.snnlab.optim.Adam;
import org.snnlab.optim.lr.ConstantLr;
import org.snnlab.prune.ExampleScores;
import org.snnlab.prune.PruneSpec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trainer with pruning: a loss that cannot weight examples is refused with one line; a pruned
 * epoch visits exactly K examples, scores only those, and the others keep their last score; the
 * full-data trainer has no scoreboard.
 */
class TrainerPruningTest {
    static final int N = 96;

    static InMemoryDataset data() {
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[N * 8];
        int[] y = new int[N];
        for (int i = 0; i < x.length; i++) x[i] = (float) (2 * r.nextDouble());
        for (int i = 0; i < N; i++) y[i] = r.nextInt(3);
        return new InMemoryDataset("toy", new long[]{8}, 3, x, y, "none");
    }

    static Trainer trainer(Loss loss, Path out, int epochs) {
        return Trainer.builder(Models.fc(8, 6, 3, LifConfig.of(0.9, 0.5), DataType.FLOAT, new SplittableRandom(2)), out).loss(loss)
                .optimizer(new Adam(0.9, 0.999, 1e-8, 0)).schedule(new ConstantLr(1e-2)).encoder(new DirectEncoder())
                .config(new TrainConfig(epochs, 16, 4, 1, 0, true)).info(Map.of()).build();
    }

    /** Cross-entropy that says it cannot weight its examples. */
    static final class Unweighted implements Loss {
        private final Loss inner = new CrossEntropyCount();

        public LossResult evaluate(Seq out, int[] y, double[] w) { return inner.evaluate(out, y, null); }

        public int[] predict(Seq out) { return inner.predict(out); }

        public String describe() { return "unweighted-ce"; }

        public boolean weightsExamples() { return false; }
    }

    @Test
    void aLossThatCannotWeightExamplesIsRefused(@TempDir Path out) {
        var e = assertThrows(IllegalArgumentException.class, () -> trainer(new Unweighted(), out, 1).withPruning(PruneSpec.of(PruneSpec.Kind.EL2N, 0.5)));
        assertTrue(e.getMessage().contains("unweighted-ce") && !e.getMessage().contains("\n"), e.getMessage());
        trainer(new Unweighted(), out, 1).withPruning(PruneSpec.FULL); // full data needs no weights
    }

    @Test
    void prunedEpochsScoreOnlyTheVisitedExamples(@TempDir Path out) throws Exception {
        Trainer t = trainer(new CrossEntropyCount(), out, 2).withPruning(PruneSpec.of(PruneSpec.Kind.SADP, 0.75).withSchedule(0, 0));
        TrainResult r = t.fit(data(), null);
        assertEquals(List.of(24.0, 24.0), r.history().stream().map(m -> m.extra().get("examples_visited")).toList());
        double[] bound = t.scoreboard().latest(ExampleScores.Measure.BOUND);
        long scored = Arrays.stream(bound).filter(v -> !Double.isNaN(v)).count();
        assertTrue(scored >= 24 && scored <= 48, "scored " + scored + " of " + N + " after two epochs of 24 visits");
        assertFalse(Arrays.stream(bound).anyMatch(v -> v < 0));
        assertNull(trainer(new CrossEntropyCount(), out.resolve("full"), 1).scoreboard());
    }
}

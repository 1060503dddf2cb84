package org.snnlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.data.Batch;
import org.snnlab.loss.Loss;
import org.snnlab.model.Sequential;
import org.snnlab.prune.EpochPlan;
import org.snnlab.prune.ExampleScorer;
import org.snnlab.prune.ExampleScores;
import org.snnlab.prune.PruneSpec;
import org.snnlab.prune.Pruner;
import org.snnlab.prune.Scoreboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The {@link Trainer}'s data pruning over one run: the strategy, the per-example scorer of the
 * training step, the scoreboard (checkpointed), and the epoch's accounting (visits, scoring time).
 * Not used at all by a full-data run, whose steps stay exactly those of an unpruned trainer.
 */
final class PruningRun {
    private final PruneSpec spec;
    private final Pruner pruner;
    private final ExampleScorer scorer;
    private Scoreboard board;
    private EpochPlan plan;
    private long scoringNanos;

    PruningRun(PruneSpec spec, Sequential model, Loss loss) {
        if (!loss.weightsExamples())
            throw new IllegalArgumentException("--prune " + spec.kind().cliName() + " needs a loss that weights examples; "
                    + loss.describe() + " does not");
        this.spec = spec;
        this.pruner = Pruner.of(spec);
        this.scorer = ExampleScorer.forStrategy(model, spec);
    }

    PruneSpec spec() { return spec; }

    /** The scoreboard, null before the first epoch. */
    Scoreboard board() {
        return board;
    }

    /** The scoreboard of {@code n} training examples (created at the first call). */
    Scoreboard board(int n) {
        if (board == null || board.size() != n) board = new Scoreboard(n, pruner.measure(), spec.smoothing());
        return board;
    }

    /** The plan of {@code epoch} from the epoch's full shuffle; its time counts as scoring overhead. */
    EpochPlan plan(int epoch, int epochs, int[] shuffled, long seed) {
        long t0 = System.nanoTime();
        scoringNanos = 0;
        plan = pruner.plan(epoch, epochs, shuffled, board(shuffled.length), new SplittableRandom(seed));
        scoringNanos += System.nanoTime() - t0;
        return plan;
    }

    /** The loss weights of batch {@code b} (rows {@code b*bs ..} of the plan), or null when unweighted. */
    double[] weights(int b, int bs, int rows) {
        if (!plan.pruned()) return null;
        double[] w = new double[rows];
        for (int j = 0; j < rows; j++) w[j] = plan.weight(b * bs + j);
        return w;
    }

    ExampleScorer.Probe probe() {
        return scorer.probe();
    }

    /** Stores a batch's scores; {@code nanos} = the time the probe spent inside the step. */
    void record(Batch batch, ExampleScores scores, long nanos) {
        long t0 = System.nanoTime();
        board.update(batch.indices(), scores);
        scoringNanos += nanos + System.nanoTime() - t0;
    }

    /** metrics.csv columns of the epoch: realised ratio, examples visited, scoring seconds, training seconds. */
    Map<String, Double> metrics(double trainSeconds) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("prune_ratio", plan.realisedRatio());
        m.put("examples_visited", (double) plan.visited());
        m.put("scoring_seconds", scoringNanos / 1e9);
        m.put("train_seconds", trainSeconds);
        return m;
    }

    Map<String, INDArray> state() {
        return board.state();
    }

    void restore(int n, Map<String, INDArray> state) {
        board(n).restore(state);
    }
}

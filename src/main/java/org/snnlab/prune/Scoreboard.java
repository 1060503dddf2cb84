package org.snnlab.prune;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every training example's last scores: the latest value of each {@link ExampleScores.Measure} and the
 * smoothed score the strategy samples by ({@code s <- m s_old + (1 - m) s_new} when visited; the first
 * visit sets it). An example not visited in an epoch keeps its last values; one never visited holds
 * NaN. Saved in the checkpoint ({@link #state()}), so a resumed run samples exactly as an uninterrupted one.
 */
public final class Scoreboard {
    private final int n;
    private final ExampleScores.Measure measure;
    private final double smoothing;
    private final double[][] latest = new double[ExampleScores.Measure.values().length][];
    private final double[] score;

    /**
     * @param n         training examples
     * @param measure   what the smoothed score follows
     * @param smoothing weight of the previous score, in [0, 1)
     */
    public Scoreboard(int n, ExampleScores.Measure measure, double smoothing) {
        if (n < 1) throw new IllegalArgumentException("a scoreboard needs at least one example, got " + n);
        if (!(smoothing >= 0 && smoothing < 1)) throw new IllegalArgumentException("smoothing must be in [0, 1), got " + smoothing);
        this.n = n;
        this.measure = measure;
        this.smoothing = smoothing;
        for (int m = 0; m < latest.length; m++) {
            latest[m] = new double[n];
            Arrays.fill(latest[m], Double.NaN);
        }
        this.score = new double[n];
        Arrays.fill(score, Double.NaN);
    }

    public int size() { return n; }

    /** Records a batch: row i of {@code s} belongs to dataset example {@code indices[i]}. */
    public void update(int[] indices, ExampleScores s) {
        if (indices.length != s.size()) throw new IllegalArgumentException(indices.length + " indices for " + s.size() + " rows");
        for (ExampleScores.Measure m : ExampleScores.Measure.values()) {
            double[] src = s.of(m), dst = latest[m.ordinal()];
            for (int i = 0; i < indices.length; i++) if (!Double.isNaN(src[i])) dst[indices[i]] = src[i];
        }
        double[] v = s.of(measure);
        for (int i = 0; i < indices.length; i++) {
            if (Double.isNaN(v[i])) continue;
            int j = indices[i];
            score[j] = Double.isNaN(score[j]) ? v[i] : smoothing * score[j] + (1 - smoothing) * v[i];
        }
    }

    /** The smoothed scores (a copy; NaN = never visited). */
    public double[] scores() {
        return score.clone();
    }

    /** The latest value of {@code m} of every example (a copy; NaN = never measured). */
    public double[] latest(ExampleScores.Measure m) {
        return latest[m.ordinal()].clone();
    }

    /** The smoothed scores with every never-visited example given the mean of the visited ones (1 when none). */
    public double[] filledScores() {
        double sum = 0;
        int known = 0;
        for (double v : score) if (!Double.isNaN(v)) { sum += v; known++; }
        double fill = known == 0 ? 1 : sum / known;
        double[] out = score.clone();
        for (int i = 0; i < n; i++) if (Double.isNaN(out[i])) out[i] = fill;
        return out;
    }

    /** The arrays to checkpoint, by name. */
    public Map<String, INDArray> state() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("prune.score", Nd4j.createFromArray(score.clone()));
        for (ExampleScores.Measure x : ExampleScores.Measure.values())
            m.put("prune." + x.name().toLowerCase(java.util.Locale.ROOT), Nd4j.createFromArray(latest[x.ordinal()].clone()));
        return m;
    }

    /** Restores what {@link #state()} saved (missing entries, e.g. a checkpoint of a full-data run, are refused). */
    public void restore(Map<String, INDArray> state) {
        copy(state, "prune.score", score);
        for (ExampleScores.Measure x : ExampleScores.Measure.values())
            copy(state, "prune." + x.name().toLowerCase(java.util.Locale.ROOT), latest[x.ordinal()]);
    }

    private void copy(Map<String, INDArray> state, String key, double[] dst) {
        INDArray a = state.get(key);
        if (a == null) throw new IllegalStateException("checkpoint has no pruning state '" + key + "'");
        if (a.length() != n) throw new IllegalStateException("pruning state '" + key + "' holds " + a.length() + " examples, expected " + n);
        double[] v = a.castTo(DataType.DOUBLE).toDoubleVector();
        System.arraycopy(v, 0, dst, 0, n);
    }
}

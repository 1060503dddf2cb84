package org.snnlab.train;

import java.util.List;

/**
 * FastSpiker's completion criterion: training is complete ("stable") at the first epoch whose last
 * {@code window} test accuracies have a standard deviation below {@code threshold} (1 percentage point
 * in the paper, window 10). Population standard deviation over the window.
 */
public record StabilityDetector(int window, double threshold) {
    public StabilityDetector {
        if (window < 2) throw new IllegalArgumentException("window must be >= 2 epochs, got " + window);
        if (!(threshold > 0)) throw new IllegalArgumentException("threshold must be > 0, got " + threshold);
    }

    /** The paper's setting: 10 epochs, 1 percentage point (accuracies as fractions: 0.01). */
    public static StabilityDetector paper() {
        return new StabilityDetector(10, 0.01);
    }

    /** The 0-based epoch at which the run became stable, or -1 if it never did. */
    public int stableAt(List<Double> accuracy) {
        for (int e = window - 1; e < accuracy.size(); e++) if (std(accuracy, e - window + 1, e + 1) < threshold) return e;
        return -1;
    }

    static double std(List<Double> v, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) m += v.get(i);
        m /= to - from;
        double s = 0;
        for (int i = from; i < to; i++) s += (v.get(i) - m) * (v.get(i) - m);
        return Math.sqrt(s / (to - from));
    }
}

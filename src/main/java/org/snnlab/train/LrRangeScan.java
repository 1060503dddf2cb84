package org.snnlab.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A learning-rate range scan (FastSpiker step 1; Smith 2017): one run per constant learning rate on a
 * log grid, each trained for a few epochs, recording test accuracy per epoch. A run whose loss or
 * weights become NaN/Inf is recorded as diverged rather than stopping the scan. The suggested range
 * spans the rates whose best accuracy is within {@code tolerance} of the best run's.
 */
public final class LrRangeScan {

    /** Builds and trains one run at a given learning rate (a fresh model, its own output folder). */
    @FunctionalInterface
    public interface Run {
        TrainResult train(double lr) throws IOException;
    }

    /** One learning rate's outcome. */
    public record Point(double lr, List<Double> testAccuracy, boolean diverged, String reason) {
        public double best() {
            return testAccuracy.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    /** The scan's outcome and the suggested range [low, high]. */
    public record Result(List<Point> points, double low, double high) { }

    private LrRangeScan() { }

    /** {@code n} rates spaced evenly in log10 between {@code lo} and {@code hi} (inclusive). */
    public static double[] logGrid(double lo, double hi, int n) {
        if (!(lo > 0 && hi > lo) || n < 2) throw new IllegalArgumentException("need 0 < lo < hi and n >= 2, got " + lo + ", " + hi + ", " + n);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) g[i] = Math.pow(10, Math.log10(lo) + (Math.log10(hi) - Math.log10(lo)) * i / (n - 1));
        return g;
    }

    public static Result scan(double[] lrs, Run run, double tolerance) throws IOException {
        List<Point> points = new ArrayList<>();
        for (double lr : lrs) {
            try {
                TrainResult r = run.train(lr);
                List<Double> acc = r.history().stream().map(EpochMetrics::testAcc).toList();
                points.add(new Point(lr, acc, false, ""));
            } catch (NonFiniteException e) {
                points.add(new Point(lr, List.of(), true, e.getMessage()));
            }
        }
        return suggest(points, tolerance);
    }

    /**
     * The suggested range over points already measured (e.g. by a sweep): from the lowest to the
     * highest non-diverged rate whose best accuracy is within {@code tolerance} of the best point's;
     * NaN bounds when every point diverged.
     */
    public static Result suggest(List<Point> points, double tolerance) {
        if (!(tolerance >= 0)) throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        double best = points.stream().filter(p -> !p.diverged()).mapToDouble(Point::best).max().orElse(Double.NaN);
        double low = Double.NaN, high = Double.NaN;
        for (Point p : points) {
            if (p.diverged() || !(p.best() >= best - tolerance)) continue;
            low = Double.isNaN(low) ? p.lr() : Math.min(low, p.lr());
            high = Double.isNaN(high) ? p.lr() : Math.max(high, p.lr());
        }
        return new Result(points, low, high);
    }
}

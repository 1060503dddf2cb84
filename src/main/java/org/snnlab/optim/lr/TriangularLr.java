package org.snnlab.optim.lr;

/**
 * Cyclical learning rates per epoch (Smith 2017; FastSpiker policies 3 and 4): the rate climbs
 * linearly from {@code lo} to the cycle's peak over {@code halfCycle} epochs and back down over the next
 * {@code halfCycle}. {@code decreasing}: the peak's distance above lo halves every cycle
 * ("triangular2"), else it stays {@code hi} ("triangular").
 * <pre>  c = floor(e / 2h),  x = |e / h - 2c - 1|,  lr = lo + (hi - lo) * max(0, 1 - x) * (decreasing ? 2^-c : 1)</pre>
 */
public record TriangularLr(double lo, double hi, int halfCycle, boolean decreasing) implements LrSchedule {
    public TriangularLr {
        if (!(lo > 0 && hi >= lo)) throw new IllegalArgumentException("need 0 < lo <= hi, got lo=" + lo + ", hi=" + hi);
        if (halfCycle < 1) throw new IllegalArgumentException("half cycle must be >= 1 epoch, got " + halfCycle);
    }

    @Override
    public double lr(int epoch, long iteration) {
        int e = Math.max(epoch, 0);
        int c = e / (2 * halfCycle);
        double x = Math.abs((double) e / halfCycle - 2.0 * c - 1);
        return lo + (hi - lo) * Math.max(0, 1 - x) * (decreasing ? Math.pow(0.5, c) : 1);
    }

    @Override
    public String describe() {
        return (decreasing ? "decreasing-triangular" : "triangular") + "(lo=" + lo + ",hi=" + hi + ",half=" + halfCycle + ")";
    }
}

package org.snnlab.optim.lr;

/**
 * Linear "decreasing warm restarts" per epoch (FastSpiker policy 2): within each cycle of
 * {@code cycle} epochs the rate falls linearly from {@code hi} to {@code lo}, then jumps back:
 * {@code lr = hi - (hi - lo) * (epoch mod cycle) / (cycle - 1)}.
 */
public record LinearRestartsLr(double hi, double lo, int cycle) implements LrSchedule {
    public LinearRestartsLr {
        if (!(hi > 0 && lo > 0 && lo <= hi)) throw new IllegalArgumentException("need 0 < lo <= hi, got lo=" + lo + ", hi=" + hi);
        if (cycle < 2) throw new IllegalArgumentException("cycle must be >= 2 epochs, got " + cycle);
    }

    @Override
    public double lr(int epoch, long iteration) {
        return hi - (hi - lo) * Math.floorMod(Math.max(epoch, 0), cycle) / (cycle - 1.0);
    }

    @Override
    public String describe() { return "linear-restarts(hi=" + hi + ",lo=" + lo + ",cycle=" + cycle + ")"; }
}

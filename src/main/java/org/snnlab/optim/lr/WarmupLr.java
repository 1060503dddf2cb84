package org.snnlab.optim.lr;

/**
 * Linear warm-up over the first {@code warmupIterations} optimizer steps, then another schedule:
 * {@code lr = after(i) * (i + 1) / warmup} for {@code i < warmup}.
 */
public record WarmupLr(long warmupIterations, LrSchedule after) implements LrSchedule {
    public WarmupLr {
        if (warmupIterations < 1) throw new IllegalArgumentException("warm-up must be >= 1 iteration, got " + warmupIterations);
        if (after == null) throw new IllegalArgumentException("warm-up needs a schedule to hand over to");
    }

    @Override
    public double lr(int epoch, long iteration) {
        double base = after.lr(epoch, iteration);
        return iteration < warmupIterations ? base * (iteration + 1) / warmupIterations : base;
    }

    @Override
    public String describe() { return "warmup(" + warmupIterations + ")+" + after.describe(); }
}

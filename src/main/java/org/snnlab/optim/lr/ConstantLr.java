package org.snnlab.optim.lr;

/** The same learning rate throughout: {@code lr(epoch, it) = lr} (FastSpiker's LR range scan runs one per rate). */
public record ConstantLr(double lr) implements LrSchedule {
    public ConstantLr {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
    }

    @Override
    public double lr(int epoch, long iteration) { return lr; }

    @Override
    public String describe() { return "constant(lr=" + lr + ")"; }
}

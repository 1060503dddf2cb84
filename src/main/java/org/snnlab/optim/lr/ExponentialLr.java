package org.snnlab.optim.lr;

/** Exponential decay per epoch (PyTorch ExponentialLR): {@code lr = lr0 * gamma^epoch}. */
public record ExponentialLr(double lr0, double gamma) implements LrSchedule {
    public ExponentialLr {
        if (!(lr0 > 0)) throw new IllegalArgumentException("initial learning rate must be > 0, got " + lr0);
        if (!(gamma > 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
    }

    @Override
    public double lr(int epoch, long iteration) { return lr0 * Math.pow(gamma, Math.max(epoch, 0)); }

    @Override
    public String describe() { return "exponential(lr0=" + lr0 + ",gamma=" + gamma + ")"; }
}

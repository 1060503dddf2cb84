package org.snnlab.optim.lr;

/**
 * Step decay per epoch (PyTorch StepLR; FastSpiker's baseline: 1e-3 halved every 20 epochs):
 * {@code lr = lr0 * gamma^floor(epoch / stepEpochs)}.
 */
public record StepLr(double lr0, double gamma, int stepEpochs) implements LrSchedule {
    public StepLr {
        if (!(lr0 > 0)) throw new IllegalArgumentException("initial learning rate must be > 0, got " + lr0);
        if (!(gamma > 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
        if (stepEpochs < 1) throw new IllegalArgumentException("step size must be >= 1 epoch, got " + stepEpochs);
    }

    @Override
    public double lr(int epoch, long iteration) {
        return lr0 * Math.pow(gamma, Math.floorDiv(Math.max(epoch, 0), stepEpochs));
    }

    @Override
    public String describe() { return "step(lr0=" + lr0 + ",gamma=" + gamma + ",step=" + stepEpochs + ")"; }
}

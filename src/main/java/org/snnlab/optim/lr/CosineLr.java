package org.snnlab.optim.lr;

/**
 * Cosine annealing stepped every ITERATION (PyTorch CosineAnnealingLR as the QSNN paper uses it):
 * <pre>  lr(i) = etaMin + (lrMax - etaMin) (1 + cos(pi i / tMax)) / 2</pre>
 * Past {@code tMax} the closed form keeps going, so the rate climbs back up over the next tMax
 * iterations: a periodic "boost" with period {@code 2 tMax}, which is what PyTorch's recursive
 * implementation produces when stepped beyond T_max.
 */
public record CosineLr(double lrMax, double etaMin, long tMax) implements LrSchedule {
    public CosineLr {
        if (!(lrMax > 0)) throw new IllegalArgumentException("max learning rate must be > 0, got " + lrMax);
        if (!(etaMin >= 0 && etaMin <= lrMax)) throw new IllegalArgumentException("eta_min must be in [0, lrMax], got " + etaMin);
        if (tMax < 1) throw new IllegalArgumentException("T_max must be >= 1 iteration, got " + tMax);
    }

    @Override
    public double lr(int epoch, long iteration) {
        return etaMin + (lrMax - etaMin) * (1 + Math.cos(Math.PI * iteration / tMax)) / 2;
    }

    @Override
    public String describe() { return "cosine(lr=" + lrMax + ",eta_min=" + etaMin + ",t_max=" + tMax + ")"; }
}

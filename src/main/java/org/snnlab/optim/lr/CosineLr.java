package org.snnlab.optim.lr;

/**
 * Cosine annealing stepped every ITERATION (PyTorch {@code CosineAnnealingLR}, Loshchilov and Hutter
 * 2017, arXiv 1608.03983; used per iteration with T_max = 10 epochs by the QSNN paper, Eshraghian and
 * Lu 2022, arXiv 2202.07221):
 * <pre>  lr(it) = etaMin + (lrMax - etaMin) (1 + cos(pi it / tMax)) / 2,   it = 0, 1, 2, ...</pre>
 * The closed form is applied to the raw iteration count, never wrapped: past {@code tMax} the rate
 * climbs back to lrMax at {@code 2 tMax}, a periodic "boost" with period {@code 2 tMax}. This is what
 * PyTorch's recursive update produces when the scheduler is stepped beyond T_max (its recursion has
 * an explicit branch for {@code (last_epoch - 1 - T_max) % (2 T_max) == 0} that keeps it on this
 * curve), and it is what the QSNN runs did, since they step the scheduler every batch for many epochs.
 * The epoch argument is ignored.
 */
public record CosineLr(double lrMax, double etaMin, long tMax) implements LrSchedule {
    public CosineLr {
        if (!(lrMax > 0) || Double.isInfinite(lrMax)) throw new IllegalArgumentException("max learning rate must be finite and > 0, got " + lrMax);
        if (!(etaMin >= 0 && etaMin <= lrMax)) throw new IllegalArgumentException("eta_min must be in [0, lrMax], got " + etaMin);
        if (tMax < 1) throw new IllegalArgumentException("T_max must be >= 1 iteration, got " + tMax);
    }

    @Override
    public double lr(int epoch, long iteration) {
        if (iteration < 0) throw new IllegalArgumentException("iteration must be >= 0, got " + iteration);
        return etaMin + (lrMax - etaMin) * (1 + Math.cos(Math.PI * iteration / tMax)) / 2;
    }

    @Override
    public String describe() { return "cosine(lr=" + lrMax + ",eta_min=" + etaMin + ",t_max=" + tMax + ")"; }
}

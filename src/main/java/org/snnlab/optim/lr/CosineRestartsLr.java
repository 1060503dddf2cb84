package org.snnlab.optim.lr;

/**
 * Cosine annealing with warm restarts (SGDR, Loshchilov and Hutter 2017; PyTorch
 * CosineAnnealingWarmRestarts), over ITERATIONS or EPOCHS:
 * <pre>  lr = etaMin + (lrMax - etaMin) (1 + cos(pi T_cur / T_i)) / 2</pre>
 * where cycle i lasts {@code T_i = t0 * tMult^i} units and T_cur counts units since the last restart.
 */
public record CosineRestartsLr(double lrMax, double etaMin, long t0, int tMult, boolean perIteration) implements LrSchedule {
    public CosineRestartsLr {
        if (!(lrMax > 0)) throw new IllegalArgumentException("max learning rate must be > 0, got " + lrMax);
        if (!(etaMin >= 0 && etaMin <= lrMax)) throw new IllegalArgumentException("eta_min must be in [0, lrMax], got " + etaMin);
        if (t0 < 1) throw new IllegalArgumentException("T_0 must be >= 1, got " + t0);
        if (tMult < 1) throw new IllegalArgumentException("T_mult must be >= 1, got " + tMult);
    }

    @Override
    public double lr(int epoch, long iteration) {
        long u = perIteration ? iteration : Math.max(epoch, 0);
        long ti = t0, tcur = u;
        while (tcur >= ti) {
            tcur -= ti;
            ti *= tMult;
        }
        return etaMin + (lrMax - etaMin) * (1 + Math.cos(Math.PI * tcur / ti)) / 2;
    }

    @Override
    public String describe() {
        return "cosine-restarts(lr=" + lrMax + ",eta_min=" + etaMin + ",t0=" + t0 + ",t_mult=" + tMult
                + (perIteration ? ",per-iteration" : ",per-epoch") + ")";
    }
}

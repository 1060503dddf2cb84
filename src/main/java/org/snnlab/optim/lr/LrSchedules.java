package org.snnlab.optim.lr;

import java.util.Locale;

/**
 * Schedules by command-line name (the {@code --schedule} option and the sweep's {@code policy}
 * parameter): see {@link #parse(String, double, int, double, int)}.
 */
public final class LrSchedules {
    /** The run length FastSpiker's policy periods are written for (FastSpiker, Rachmad et al. 2024, arXiv 2407.05262). */
    public static final int PAPER_EPOCHS = 200;

    /** The names {@link #parse} knows, with their optional arguments. */
    public static final String NAMES = "constant, step[:gamma,epochs], exponential[:gamma], cosine[:tmax],"
            + " cosine-restarts[:t0,tmult], warm-restarts[:t0,tmult], linear-restarts[:cycle], triangular[:half],"
            + " decreasing-triangular[:half], one-cycle[:peak,end]";

    private LrSchedules() { }

    /** {@link #parse(String, double, int, double, int)} with the paper's periods unscaled (stretch 1, 200 epochs). */
    public static LrSchedule parse(String name, double lr, int itersPerEpoch) {
        return parse(name, lr, itersPerEpoch, 1.0, PAPER_EPOCHS);
    }

    /**
     * Parses {@code name[:a,b]} (arguments separated by {@code ,} or {@code /}, so that a sweep grid,
     * whose values are comma-separated, can hold {@code step:0.5/2}). {@code lr} is the base or peak
     * rate; the FastSpiker policies (FastSpiker, Rachmad et al. 2024, arXiv 2407.05262) run between {@code lr/1000} and {@code lr} (the paper's
     * 1e-5 .. 1e-2). Periods in EPOCHS default to the paper's multiplied by {@code stretch} (rounded,
     * at least 1), so that a run of E epochs keeps each policy's shape with {@code stretch = E/200}:
     * <ul>
     *   <li>{@code constant}: {@code lr};</li>
     *   <li>{@code step[:gamma,epochs]}: {@code lr * gamma^floor(e/epochs)}, defaults 0.5 and 20 x stretch (the baseline);</li>
     *   <li>{@code exponential[:gamma]}: {@code lr * gamma^e}, default {@code 0.95^(1/stretch)} (gamma NF in the paper);</li>
     *   <li>{@code cosine[:tmax]}: per-ITERATION cosine annealing to 0, T_max default 10 epochs of iterations (QSNN);</li>
     *   <li>{@code cosine-restarts[:t0,tmult]}: per-ITERATION SGDR, t0 default one epoch of iterations;</li>
     *   <li>{@code warm-restarts[:t0,tmult]}: per-EPOCH SGDR from lr to lr/1000, t0 = 100 x stretch, tmult 1 (policy 1);</li>
     *   <li>{@code linear-restarts[:cycle]}: lr down to lr/1000 linearly per cycle = 40 x stretch (at least 2) (policy 2);</li>
     *   <li>{@code triangular[:half]}: lr/1000 up to lr and back, half cycle 25 x stretch (policy 3);</li>
     *   <li>{@code decreasing-triangular[:half]}: the same with the peak halving each cycle, half 50 x stretch (policy 4);</li>
     *   <li>{@code one-cycle[:peak,end]} ({@code onecycle}): lr/1000 -> lr by 90 x stretch -> lr/1000 by
     *       180 x stretch, then to lr/10^4 by the last epoch (policy 5).</li>
     * </ul>
     *
     * @param itersPerEpoch optimizer steps per epoch (for the per-iteration schedules)
     * @param stretch       multiplies the default epoch periods (&gt; 0)
     * @param epochs        the run's length in epochs (one-cycle's annihilation ends there)
     */
    public static LrSchedule parse(String name, double lr, int itersPerEpoch, double stretch, int epochs) {
        if (itersPerEpoch < 1) throw new IllegalArgumentException("iterations per epoch must be >= 1, got " + itersPerEpoch);
        if (!(stretch > 0) || Double.isInfinite(stretch)) throw new IllegalArgumentException("schedule stretch must be > 0, got " + stretch);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        String[] parts = name.trim().split(":", 2);
        String[] a = parts.length > 1 ? parts[1].split("[,/]") : new String[0];
        Args p = new Args(a, stretch);
        try {
            return switch (parts[0].toLowerCase(Locale.ROOT)) {
                case "constant" -> new ConstantLr(lr);
                case "step" -> new StepLr(lr, p.dbl(0, 0.5), p.epochs(1, 20));
                case "exponential" -> new ExponentialLr(lr, p.dbl(0, Math.pow(0.95, 1 / stretch)));
                case "cosine" -> new CosineLr(lr, 0, p.lng(0, 10L * itersPerEpoch));
                case "cosine-restarts" -> new CosineRestartsLr(lr, 0, p.lng(0, itersPerEpoch), p.integer(1, 1), true);
                case "warm-restarts" -> new CosineRestartsLr(lr, lr / 1000, p.epochs(0, 100), p.integer(1, 1), false);
                case "linear-restarts" -> new LinearRestartsLr(lr, lr / 1000, Math.max(2, p.epochs(0, 40)));
                case "triangular" -> new TriangularLr(lr / 1000, lr, p.epochs(0, 25), false);
                case "decreasing-triangular" -> new TriangularLr(lr / 1000, lr, p.epochs(0, 50), true);
                case "one-cycle", "onecycle" -> oneCycle(lr, p.epochs(0, 90), p.has(1) ? p.integer(1, 0) : -1, epochs);
                default -> throw new IllegalArgumentException("unknown schedule '" + name + "' (" + NAMES + ")");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("schedule '" + name + "': bad number (" + e.getMessage() + ")");
        }
    }

    /** One-cycle with {@code end} defaulting to twice the peak (the paper: 90 and 180). */
    private static LrSchedule oneCycle(double lr, int peak, int end, int epochs) {
        int e = end > 0 ? end : Math.max(peak + 1, 2 * peak);
        return new OneCycleLr(lr / 1000, lr, lr / 10_000, peak, e, Math.max(e, epochs));
    }

    /** Positional arguments with defaults. */
    private record Args(String[] a, double stretch) {
        boolean has(int i) { return i < a.length && !a[i].isBlank(); }

        double dbl(int i, double def) { return has(i) ? Double.parseDouble(a[i].trim()) : def; }

        long lng(int i, long def) { return has(i) ? Long.parseLong(a[i].trim()) : def; }

        int integer(int i, int def) { return has(i) ? Integer.parseInt(a[i].trim()) : def; }

        /** An epoch period: given, or the paper's {@code paper} x stretch, at least 1. */
        int epochs(int i, int paper) { return has(i) ? integer(i, 0) : Math.max(1, (int) Math.round(paper * stretch)); }
    }
}

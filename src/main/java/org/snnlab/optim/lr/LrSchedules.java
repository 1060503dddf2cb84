package org.snnlab.optim.lr;

import java.util.Locale;

/** Schedules by command-line name (the {@code --schedule} option): see {@link #parse}. */
public final class LrSchedules {
    private LrSchedules() { }

    /**
     * @param name          constant | step[:gamma,epochs] | cosine[:tMaxIterations] | cosine-restarts[:t0Iterations,tMult] | exponential[:gamma]
     * @param lr            the base (maximum) learning rate
     * @param itersPerEpoch optimizer steps per epoch (cosine's default T_max is 10 epochs of them, the QSNN setting)
     */
    public static LrSchedule parse(String name, double lr, int itersPerEpoch) {
        if (itersPerEpoch < 1) throw new IllegalArgumentException("iterations per epoch must be >= 1, got " + itersPerEpoch);
        String[] parts = name.trim().split(":", 2);
        String[] a = parts.length > 1 ? parts[1].split(",") : new String[0];
        try {
            return switch (parts[0].toLowerCase(Locale.ROOT)) {
                case "constant" -> new ConstantLr(lr);
                case "step" -> new StepLr(lr, a.length > 0 ? Double.parseDouble(a[0]) : 0.5,
                        a.length > 1 ? Integer.parseInt(a[1].trim()) : 20);
                case "cosine" -> new CosineLr(lr, 0, a.length > 0 ? Long.parseLong(a[0].trim()) : 10L * itersPerEpoch);
                case "exponential" -> new ExponentialLr(lr, a.length > 0 ? Double.parseDouble(a[0]) : 0.95);
                case "cosine-restarts" -> new CosineRestartsLr(lr, 0, a.length > 0 ? Long.parseLong(a[0].trim()) : itersPerEpoch,
                        a.length > 1 ? Integer.parseInt(a[1].trim()) : 1, true);
                default -> throw new IllegalArgumentException("unknown schedule '" + name + "' (constant, step[:gamma,epochs], cosine[:tmax], cosine-restarts[:t0,tmult], exponential[:gamma])");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("schedule '" + name + "': bad number (" + e.getMessage() + ")");
        }
    }
}

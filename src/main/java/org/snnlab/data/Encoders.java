package org.snnlab.data;

import java.util.Locale;

/**
 * Encoders by command-line name:
 * <ul>
 *   <li>{@code direct}: {@link DirectEncoder};</li>
 *   <li>{@code rate[:gain]}: {@link RateEncoder}, gain 1 by default;</li>
 *   <li>{@code latency[:threshold]}: {@link LatencyEncoder#linearNormalized(double)}, threshold 0.01;</li>
 *   <li>{@code latency-log[:tau]}: logarithmic {@link LatencyEncoder}, threshold 0.01, normalised,
 *       clipped, tau 1 by default.</li>
 * </ul>
 */
public final class Encoders {
    private Encoders() { }

    /** The encoder named by {@code spec}; an {@link IllegalArgumentException} naming the bad part otherwise. */
    public static Encoder parse(String spec) {
        if (spec == null) throw new IllegalArgumentException("encoder spec must not be null");
        String[] p = spec.trim().split(":", 2);
        try {
            return switch (p[0].toLowerCase(Locale.ROOT)) {
                case "direct" -> {
                    if (p.length > 1) throw new IllegalArgumentException("encoder 'direct' takes no argument, got '" + spec + "'");
                    yield new DirectEncoder();
                }
                case "rate" -> new RateEncoder(p.length > 1 ? Double.parseDouble(p[1]) : 1.0);
                case "latency" -> LatencyEncoder.linearNormalized(p.length > 1 ? Double.parseDouble(p[1]) : 0.01);
                case "latency-log" -> new LatencyEncoder(p.length > 1 ? Double.parseDouble(p[1]) : 1.0, 0.01,
                        LatencyEncoder.Code.LOG, LatencyEncoder.Timing.NORMALIZED, LatencyEncoder.BelowThreshold.CLIP);
                default -> throw new IllegalArgumentException("unknown encoder '" + spec
                        + "' (direct, rate[:gain], latency[:threshold], latency-log[:tau])");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("encoder '" + spec + "': '" + p[1] + "' is not a number");
        }
    }
}

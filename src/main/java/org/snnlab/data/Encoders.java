package org.snnlab.data;

import java.util.Locale;

/** Encoders by command-line name: direct | rate[:gain] | latency[:threshold]. */
public final class Encoders {
    private Encoders() { }

    public static Encoder parse(String spec) {
        String[] p = spec.trim().split(":", 2);
        try {
            return switch (p[0].toLowerCase(Locale.ROOT)) {
                case "direct" -> new DirectEncoder();
                case "rate" -> new RateEncoder(p.length > 1 ? Double.parseDouble(p[1]) : 1.0);
                case "latency" -> new LatencyEncoder(p.length > 1 ? Double.parseDouble(p[1]) : 0.01);
                default -> throw new IllegalArgumentException("unknown encoder '" + spec + "' (direct, rate[:gain], latency[:threshold])");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("encoder '" + spec + "': '" + p[1] + "' is not a number");
        }
    }
}

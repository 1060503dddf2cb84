package org.snnlab.notebook;

import java.util.Locale;

/**
 * The run size of a notebook, from {@code SNN_SCALE} (environment or system property): {@code smoke}
 * (seconds to minutes; CI), {@code default} (a laptop CPU, well under an hour), {@code paper} (the
 * paper's data set and epochs). Notebooks pick their sizes with {@link #pick}.
 */
public enum Scale {
    SMOKE, DEFAULT, PAPER;

    public static Scale current() {
        String v = System.getProperty("SNN_SCALE", System.getenv().getOrDefault("SNN_SCALE", "default"));
        try {
            return valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SNN_SCALE must be smoke, default or paper, got '" + v + "'");
        }
    }

    /** The value for this scale. */
    public <T> T pick(T smoke, T dflt, T paper) {
        return switch (this) {
            case SMOKE -> smoke;
            case DEFAULT -> dflt;
            case PAPER -> paper;
        };
    }

    /** An integer parameter overridable by an environment variable (e.g. {@code SNN_EPOCHS}). */
    public int param(String env, int smoke, int dflt, int paper) {
        String v = System.getenv(env);
        return v != null ? Integer.parseInt(v.trim()) : pick(smoke, dflt, paper);
    }
}

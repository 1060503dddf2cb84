package org.snnlab.prune;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a training run prunes its data each epoch (immutable, validated; part of a training spec, so
 * a sweep trial's id includes it). Strategies: {@code full} (every example, every epoch: today's
 * training, bit for bit), {@code random} (K examples uniformly each epoch), {@code infobatch}
 * (Qin et al. 2024, arXiv 2303.04947: examples whose last loss is below the mean are dropped at rate
 * r, the kept ones of that group weighted 1/(1-r)), and the importance samplers {@code el2n}
 * (pi ~ output error norm, after Paul et al. 2021, arXiv 2107.07075), {@code sadp} (pi ~ the
 * spike-aware gradient-norm bound {@link SpikeAwareBound}, after Ma et al., arXiv 2510.04098) and
 * {@code gradnorm} (pi ~ the exact per-example gradient norm, the oracle): see {@link Pruners}.
 *
 * @param kind       the strategy
 * @param ratio      r in [0, 1): the share of examples NOT visited in a pruned epoch (K = round((1-r) N) kept)
 * @param smoothing  importance samplers: weight of the previous score in the moving average
 *                   {@code s <- m s_old + (1 - m) s_new} of a visited example, in [0, 1) (0 = latest only)
 * @param uniformMix importance samplers: share lambda of the uniform distribution mixed into the
 *                   probabilities, in [0, 1]: {@code p_i = (1 - lambda) s_i / sum s + lambda / N}, so no
 *                   kept example's weight exceeds 1/lambda and stale low scores are not starved
 * @param fullFirst  the first this many epochs visit every example (they score every example), >= 0
 * @param fullLast   epochs {@code e >= (1 - fullLast) E} visit every example (InfoBatch's annealing;
 *                   0.125 = its default delta 0.875), in [0, 1]
 */
public record PruneSpec(Kind kind, double ratio, double smoothing, double uniformMix, int fullFirst, double fullLast) {

    /** The strategies by command-line name. */
    public enum Kind {
        FULL, RANDOM, INFOBATCH, EL2N, SADP, GRADNORM;

        /** The command-line name, e.g. {@code infobatch}. */
        public String cliName() { return name().toLowerCase(Locale.ROOT); }

        /** The strategy named {@code s} (one line naming the choices otherwise). */
        public static Kind of(String s) {
            for (Kind k : values()) if (k.cliName().equals(s == null ? null : s.trim().toLowerCase(Locale.ROOT))) return k;
            throw new IllegalArgumentException("--prune must be one of " + String.join(", ",
                    Arrays.stream(values()).map(Kind::cliName).toList()) + ", got '" + s + "'");
        }

        /** True for the samplers that draw with probabilities from a score (EL2N, SADP, exact gradient norm). */
        public boolean importance() { return this == EL2N || this == SADP || this == GRADNORM; }
    }

    public static final double DEFAULT_SMOOTHING = 0.5;
    public static final double DEFAULT_UNIFORM_MIX = 0.2;
    public static final int DEFAULT_FULL_FIRST = 1;
    public static final double DEFAULT_FULL_LAST = 0.125;

    /** Every example every epoch. */
    public static final PruneSpec FULL = new PruneSpec(Kind.FULL, 0, DEFAULT_SMOOTHING, DEFAULT_UNIFORM_MIX, DEFAULT_FULL_FIRST, DEFAULT_FULL_LAST);

    public PruneSpec {
        if (kind == null) throw new IllegalArgumentException("--prune must not be null");
        if (!(ratio >= 0 && ratio < 1)) throw new IllegalArgumentException("--prune-ratio must be in [0, 1), got " + ratio);
        if (!(smoothing >= 0 && smoothing < 1)) throw new IllegalArgumentException("--prune-smoothing must be in [0, 1), got " + smoothing);
        if (!(uniformMix >= 0 && uniformMix <= 1)) throw new IllegalArgumentException("--prune-uniform-mix must be in [0, 1], got " + uniformMix);
        if (fullFirst < 0) throw new IllegalArgumentException("--prune-full-first must be >= 0, got " + fullFirst);
        if (!(fullLast >= 0 && fullLast <= 1)) throw new IllegalArgumentException("--prune-full-last must be in [0, 1], got " + fullLast);
        if (kind == Kind.FULL) { // the full-data run has no parameters: one canonical value (one trial id)
            ratio = 0;
            smoothing = DEFAULT_SMOOTHING;
            uniformMix = DEFAULT_UNIFORM_MIX;
            fullFirst = DEFAULT_FULL_FIRST;
            fullLast = DEFAULT_FULL_LAST;
        }
    }

    /** {@code kind} at ratio {@code r} with the default smoothing, mix and schedule. */
    public static PruneSpec of(Kind kind, double r) {
        return new PruneSpec(kind, r, DEFAULT_SMOOTHING, DEFAULT_UNIFORM_MIX, DEFAULT_FULL_FIRST, DEFAULT_FULL_LAST);
    }

    public PruneSpec withSmoothing(double m) { return new PruneSpec(kind, ratio, m, uniformMix, fullFirst, fullLast); }

    public PruneSpec withUniformMix(double l) { return new PruneSpec(kind, ratio, smoothing, l, fullFirst, fullLast); }

    public PruneSpec withSchedule(int first, double last) { return new PruneSpec(kind, ratio, smoothing, uniformMix, first, last); }

    /** True for the full-data strategy (no pruning machinery at all). */
    public boolean isFull() { return kind == Kind.FULL; }

    /**
     * Whether epoch {@code e} (0-based) of {@code epochs} is pruned: not full data, not one of the first
     * {@link #fullFirst} epochs, and {@code e < (1 - fullLast) epochs}.
     */
    public boolean prunes(int e, int epochs) {
        return !isFull() && e >= fullFirst && e < (1 - fullLast) * epochs;
    }

    /** Examples a pruned epoch keeps of {@code n}: {@code K = round((1 - r) n)}, at least 1. */
    public int kept(int n) {
        return Sampling.keptCount(n, ratio);
    }

    /** The JSON form (components by name). */
    @JsonValue
    public java.util.Map<String, Object> json() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("kind", kind.cliName());
        m.put("ratio", ratio);
        m.put("smoothing", smoothing);
        m.put("uniform_mix", uniformMix);
        m.put("full_first", fullFirst);
        m.put("full_last", fullLast);
        return m;
    }

    /** Reads the JSON form; absent fields take the defaults. */
    @JsonCreator
    public static PruneSpec fromJson(java.util.Map<String, Object> m) {
        java.util.Set<String> known = java.util.Set.of("kind", "ratio", "smoothing", "uniform_mix", "full_first", "full_last");
        for (String k : m.keySet())
            if (!known.contains(k)) throw new IllegalArgumentException("prune: unknown field '" + k + "' (known: " + known + ")");
        return new PruneSpec(Kind.of(String.valueOf(m.getOrDefault("kind", "full"))), num(m, "ratio", 0),
                num(m, "smoothing", DEFAULT_SMOOTHING), num(m, "uniform_mix", DEFAULT_UNIFORM_MIX),
                (int) num(m, "full_first", DEFAULT_FULL_FIRST), num(m, "full_last", DEFAULT_FULL_LAST));
    }

    private static double num(java.util.Map<String, Object> m, String k, double dflt) {
        Object v = m.get(k);
        if (v == null) return dflt;
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("prune: '" + k + "' must be a number, got '" + v + "'");
    }

    @Override
    public String toString() {
        return isFull() ? "full" : kind.cliName() + "(r=" + ratio + ")";
    }
}

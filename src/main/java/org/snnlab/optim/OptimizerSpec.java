package org.snnlab.optim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.snnlab.core.Param;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An optimizer as a typed, validated value of a training spec: Adam (Kingma and Ba 2015, L2 weight
 * decay added to the gradient), AdamW (Loshchilov and Hutter 2019, decoupled decay) with
 * {@code beta1 = 0.9, beta2 = 0.999, eps = 1e-8}, or SGD with momentum 0.9; and parameter groups by
 * {@link Param.Role}: the learning rate of the parameters of a role is {@code lr x scale} (e.g. Rouser's
 * thresholds at 10x the weights' rate).
 *
 * @param kind        which optimizer
 * @param weightDecay L2 (Adam, SGD) or decoupled (AdamW) weight decay, >= 0
 * @param lrScales    role -> learning-rate multiplier (> 0); empty = one group (Adam and AdamW only)
 */
public record OptimizerSpec(Kind kind, double weightDecay, Map<Param.Role, Double> lrScales) {
    /** The optimizers by command-line name. */
    public enum Kind {
        ADAM, ADAMW, SGD;

        @JsonValue
        public String cliName() { return name().toLowerCase(Locale.ROOT); }

        /** The kind named {@code name} ({@code adam | adamw | sgd}). */
        @JsonCreator
        public static Kind of(String name) {
            for (Kind k : values()) if (k.cliName().equals(name)) return k;
            throw new IllegalArgumentException("--optimizer must be adam, adamw or sgd, got '" + name + "'");
        }
    }

    public OptimizerSpec {
        if (kind == null) throw new IllegalArgumentException("optimizer kind must not be null");
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay))
            throw new IllegalArgumentException("--weight-decay must be >= 0, got " + weightDecay);
        Map<Param.Role, Double> m = new TreeMap<>(); // ordered by role: canonical JSON
        if (lrScales != null) m.putAll(lrScales);
        for (var e : m.entrySet()) {
            if (e.getKey() == null) throw new IllegalArgumentException("--lr-scale: role must not be null");
            if (e.getValue() == null || !(e.getValue() > 0) || Double.isInfinite(e.getValue()))
                throw new IllegalArgumentException("--lr-scale " + e.getKey() + " must be > 0, got " + e.getValue());
        }
        if (kind == Kind.SGD && !m.isEmpty()) throw new IllegalArgumentException("--lr-scale needs --optimizer adam or adamw");
        lrScales = Collections.unmodifiableMap(m);
    }

    /** One group, no scales. */
    public OptimizerSpec(Kind kind, double weightDecay) {
        this(kind, weightDecay, Map.of());
    }

    /** Adam without weight decay (the default). */
    public static OptimizerSpec adam() {
        return new OptimizerSpec(Kind.ADAM, 0);
    }

    /** This spec with the learning rate of {@code role}'s parameters multiplied by {@code scale}. */
    public OptimizerSpec withLrScale(Param.Role role, double scale) {
        Map<Param.Role, Double> m = new EnumMap<>(Param.Role.class);
        m.putAll(lrScales);
        m.put(role, scale);
        return new OptimizerSpec(kind, weightDecay, m);
    }

    /**
     * Parses {@code ROLE=SCALE} (e.g. {@code threshold=10}; role names as {@link Param.Role}, any case).
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static Map.Entry<Param.Role, Double> parseScale(String text) {
        int eq = text.indexOf('=');
        if (eq < 1) throw new IllegalArgumentException("--lr-scale must be ROLE=SCALE (e.g. threshold=10), got '" + text + "'");
        Param.Role role;
        try {
            role = Param.Role.valueOf(text.substring(0, eq).trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--lr-scale: unknown role '" + text.substring(0, eq).trim() + "' (one of "
                    + java.util.Arrays.toString(Param.Role.values()).toLowerCase(Locale.ROOT) + ")");
        }
        try {
            return Map.entry(role, Double.parseDouble(text.substring(eq + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--lr-scale " + text + ": '" + text.substring(eq + 1).trim() + "' is not a number");
        }
    }

    /** A new optimizer with fresh state. */
    public Optimizer create() {
        return switch (kind) {
            case ADAM -> scaled(new Adam(0.9, 0.999, 1e-8, weightDecay));
            case ADAMW -> scaled(Adam.adamW(0.9, 0.999, 1e-8, weightDecay));
            case SGD -> new Sgd(0.9, weightDecay, false);
        };
    }

    private Adam scaled(Adam a) {
        for (var e : lrScales.entrySet()) a = a.withLrScale(e.getKey(), e.getValue());
        return a;
    }
}

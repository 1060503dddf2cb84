package org.snnlab.optim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * An optimizer as a typed, validated value of a training spec: Adam (Kingma and Ba 2015, L2 weight
 * decay added to the gradient), AdamW (Loshchilov and Hutter 2019, decoupled decay) with
 * {@code beta1 = 0.9, beta2 = 0.999, eps = 1e-8}, or SGD with momentum 0.9.
 *
 * @param kind        which optimizer
 * @param weightDecay L2 (Adam, SGD) or decoupled (AdamW) weight decay, >= 0
 */
public record OptimizerSpec(Kind kind, double weightDecay) {
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
    }

    /** Adam without weight decay (the default). */
    public static OptimizerSpec adam() {
        return new OptimizerSpec(Kind.ADAM, 0);
    }

    /** A new optimizer with fresh state. */
    public Optimizer create() {
        return switch (kind) {
            case ADAM -> new Adam(0.9, 0.999, 1e-8, weightDecay);
            case ADAMW -> new AdamW(0.9, 0.999, 1e-8, weightDecay);
            case SGD -> new Sgd(0.9, weightDecay, false);
        };
    }
}

package org.snnlab.optim.lr;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.snnlab.util.NamedArgs;

import java.util.Arrays;
import java.util.List;

/**
 * A learning-rate policy as a typed, validated value: its kind and explicit arguments, written
 * {@code name[:args]} on the command line and in a training spec's JSON ({@code step:0.5,20},
 * {@code one-cycle}, ...). The schedule itself needs the run's base rate, iterations per epoch, period
 * stretch and length: {@link #create}. What each kind computes and its defaults:
 * {@link LrSchedules#parse(String, double, int, double, int)}: FastSpiker's five policies and its step
 * baseline (Rachmad, Putra and Shafique 2024, arXiv 2407.05262), the per-iteration cosine annealing of
 * the quantized-SNN paper (Eshraghian et al. 2022, arXiv 2202.07221), SGDR (Loshchilov and Hutter 2017).
 *
 * @param kind which policy
 * @param args its explicit arguments (omitted ones take the defaults)
 */
public record LrPolicy(Kind kind, List<Double> args) {
    /** The policies by command-line name, with their maximal argument counts. */
    public enum Kind {
        CONSTANT("constant", 0), STEP("step", 2), EXPONENTIAL("exponential", 1), COSINE("cosine", 1),
        COSINE_RESTARTS("cosine-restarts", 2), WARM_RESTARTS("warm-restarts", 2), LINEAR_RESTARTS("linear-restarts", 1),
        TRIANGULAR("triangular", 1), DECREASING_TRIANGULAR("decreasing-triangular", 1), ONE_CYCLE("one-cycle", 2);

        private final String cliName;
        private final int maxArgs;

        Kind(String cliName, int maxArgs) {
            this.cliName = cliName;
            this.maxArgs = maxArgs;
        }

        public String cliName() { return cliName; }

        static Kind of(String name) {
            if (name.equals("onecycle")) return ONE_CYCLE;
            for (Kind k : values()) if (k.cliName.equals(name)) return k;
            throw new IllegalArgumentException("unknown schedule '" + name + "' (" + LrSchedules.NAMES + ")");
        }
    }

    public LrPolicy {
        if (kind == null) throw new IllegalArgumentException("schedule kind must not be null");
        args = List.copyOf(args);
        new NamedArgs(kind.cliName, args).arity(0, kind.maxArgs, "schedule", LrSchedules.NAMES);
    }

    /** The constant policy. */
    public static LrPolicy constant() {
        return new LrPolicy(Kind.CONSTANT, List.of());
    }

    /** Parses the command-line form (arguments separated by {@code ,} or {@code /}). */
    @JsonCreator
    public static LrPolicy parse(String text) {
        NamedArgs a = NamedArgs.parse(text, "schedule");
        LrPolicy p = new LrPolicy(Kind.of(a.name()), a.args());
        p.create(1e-3, 1, 1, 1); // integer arguments and ranges are checked by building one
        return p;
    }

    /** The canonical text, e.g. {@code step:0.5,20}. */
    @JsonValue
    public String text() {
        return new NamedArgs(kind.cliName, args).text();
    }

    /**
     * The schedule for a run.
     *
     * @param lr            base (or peak) rate
     * @param itersPerEpoch optimizer steps per epoch
     * @param stretch       multiplies the paper's epoch periods (&gt; 0)
     * @param epochs        the run's length
     */
    public LrSchedule create(double lr, int itersPerEpoch, double stretch, int epochs) {
        return LrSchedules.parse(text(), lr, itersPerEpoch, stretch, epochs);
    }

    @Override
    public String toString() {
        return text();
    }

    /** All command-line names. */
    public static List<String> names() {
        return Arrays.stream(Kind.values()).map(Kind::cliName).toList();
    }
}

package org.snnlab.optim.lr;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.snnlab.util.NamedArgs;
import org.snnlab.util.NamedArgs.Form;

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
        CONSTANT(new Form("constant", 0, 0)), STEP(new Form("step", 0, 2)), EXPONENTIAL(new Form("exponential", 0, 1)),
        COSINE(new Form("cosine", 0, 1)), COSINE_RESTARTS(new Form("cosine-restarts", 0, 2)),
        WARM_RESTARTS(new Form("warm-restarts", 0, 2)), LINEAR_RESTARTS(new Form("linear-restarts", 0, 1)),
        TRIANGULAR(new Form("triangular", 0, 1)), DECREASING_TRIANGULAR(new Form("decreasing-triangular", 0, 1)),
        ONE_CYCLE(new Form("one-cycle", 0, 2));

        private final Form form;

        Kind(Form form) { this.form = form; }

        public String cliName() { return form.name(); }

        static Kind of(String name) {
            return Form.find(values(), k -> k.form, name.equals("onecycle") ? "one-cycle" : name, "schedule");
        }
    }

    public LrPolicy {
        if (kind == null) throw new IllegalArgumentException("schedule kind must not be null");
        args = List.copyOf(args);
        new NamedArgs(kind.cliName(), args).arity(kind.form, "schedule", LrSchedules.NAMES);
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
        return new NamedArgs(kind.cliName(), args).text();
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

package org.snnlab.loss;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.snnlab.util.NamedArgs;
import org.snnlab.util.NamedArgs.Form;

import java.util.List;

/**
 * A loss as a typed, validated value: its kind and arguments, written {@code ce-count},
 * {@code ce-mem}, {@code mse-count[:correct,incorrect]} or {@code mse-rate} on the command line and
 * in a training spec's JSON.
 *
 * @param kind which loss
 * @param args its arguments ({@code mse-count}: the target spike counts of the correct and the wrong
 *             classes as fractions of T, default 0.8 and 0.2, as in the QSNN paper)
 */
public record LossSpec(Kind kind, List<Double> args) {
    /** The losses by command-line name, with their argument counts. */
    public enum Kind {
        CE_COUNT(new Form("ce-count", 0, 0)), CE_MEM(new Form("ce-mem", 0, 0)), MSE_COUNT(new Form("mse-count", 0, 2)),
        MSE_RATE(new Form("mse-rate", 0, 0));

        private final Form form;

        Kind(Form form) { this.form = form; }

        public String cliName() { return form.name(); }

        static Kind of(String name) { return Form.find(values(), k -> k.form, name, "loss"); }
    }

    public LossSpec {
        if (kind == null) throw new IllegalArgumentException("loss kind must not be null");
        args = List.copyOf(args);
        if (kind == Kind.MSE_COUNT && args.size() == 1)
            throw new IllegalArgumentException("loss 'mse-count:" + args.get(0) + "': expected mse-count:<correct>,<incorrect>, e.g. mse-count:0.8,0.2");
        new NamedArgs(kind.cliName(), args).arity(kind.form, "loss", "ce-count, ce-mem, mse-count[:c,i], mse-rate");
    }

    /** Parses the command-line form. */
    @JsonCreator
    public static LossSpec parse(String text) {
        NamedArgs a = NamedArgs.parse(text, "loss");
        return new LossSpec(Kind.of(a.name()), a.args());
    }

    /** The canonical text ({@code mse-count:0.8,0.2}). */
    @JsonValue
    public String text() {
        return new NamedArgs(kind.cliName(), args).text();
    }

    /** True for a loss computed from the output membrane (the readout must emit it), false for spike losses. */
    public boolean readsMembrane() {
        return kind == Kind.CE_MEM;
    }

    /** A new loss object. */
    public Loss create() {
        return switch (kind) {
            case CE_COUNT -> new CrossEntropyCount();
            case CE_MEM -> new CrossEntropyMembrane();
            case MSE_RATE -> new MseRate();
            case MSE_COUNT -> args.isEmpty() ? new MseCount(0.8, 0.2) : new MseCount(args.get(0), args.get(1));
        };
    }

    @Override
    public String toString() {
        return text();
    }
}

package org.snnlab.util;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The {@code name[:a,b,...]} form of a typed choice on the command line (a schedule, a loss, an
 * encoder): a lower-case name and numeric arguments, separated by {@code ,} or {@code /} (a sweep's
 * grid values are comma-separated, so {@code step:0.5/2} can stand in one). {@link #text()} writes the
 * canonical form: numbers without trailing zeros, integral values without a decimal point, so that
 * {@code step:0.50,20.0} and {@code step:0.5,20} are the same value.
 *
 * @param name the choice, lower case
 * @param args its arguments in order (may be empty)
 */
public record NamedArgs(String name, List<Double> args) {
    public NamedArgs {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must not be blank");
        name = name.trim().toLowerCase(Locale.ROOT);
        for (Double a : args)
            if (a == null || !Double.isFinite(a)) throw new IllegalArgumentException(name + ": argument " + a + " is not a finite number");
        args = Collections.unmodifiableList(new ArrayList<>(args));
    }

    /**
     * Parses {@code name[:a,b]}.
     *
     * @param what what is parsed, for the error message (e.g. "schedule")
     * @throws IllegalArgumentException naming the text when an argument is not a number
     */
    public static NamedArgs parse(String text, String what) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException(what + " must not be empty");
        String[] parts = text.trim().split(":", 2);
        List<Double> a = new ArrayList<>();
        if (parts.length > 1 && !parts[1].isBlank()) {
            for (String s : parts[1].split("[,/]")) {
                try {
                    a.add(Double.parseDouble(s.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(what + " '" + text + "': '" + s.trim() + "' is not a number");
                }
            }
        }
        return new NamedArgs(parts[0], a);
    }

    /** The canonical text, e.g. {@code step:0.5,20}. */
    public String text() {
        if (args.isEmpty()) return name;
        StringBuilder b = new StringBuilder(name).append(':');
        for (int i = 0; i < args.size(); i++) b.append(i == 0 ? "" : ",").append(number(args.get(i)));
        return b.toString();
    }

    /** A number in plain form without trailing zeros ({@code 20.0 -> 20}, {@code 1e-3 -> 0.001}). */
    public static String number(double v) {
        if (v == 0) return "0";
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /**
     * A choice's command-line form: its name and how many arguments it takes.
     *
     * @param name    the command-line name, lower case
     * @param minArgs fewest arguments
     * @param maxArgs most arguments
     */
    public record Form(String name, int minArgs, int maxArgs) {
        /**
         * The constant of {@code values} whose form is named {@code name}.
         *
         * @param what what is chosen, for the error message (e.g. "loss")
         * @throws IllegalArgumentException listing the known names
         */
        public static <E extends Enum<E>> E find(E[] values, Function<E, Form> form, String name, String what) {
            for (E e : values) if (form.apply(e).name().equals(name)) return e;
            throw new IllegalArgumentException("unknown " + what + " '" + name + "' (" + String.join(", ",
                    Arrays.stream(values).map(e -> form.apply(e).name()).toList()) + ")");
        }
    }

    /** Throws unless the argument count fits {@code form}. */
    public NamedArgs arity(Form form, String what, String forms) {
        return arity(form.minArgs(), form.maxArgs(), what, forms);
    }

    /** Throws unless the argument count is in {@code [min, max]}. */
    public NamedArgs arity(int min, int max, String what, String form) {
        if (args.size() < min || args.size() > max)
            throw new IllegalArgumentException(what + " '" + text() + "' takes " + (min == max ? min : min + " to " + max)
                    + " argument(s): " + form);
        return this;
    }
}

package org.snnlab.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.snnlab.util.NamedArgs;
import org.snnlab.util.NamedArgs.Form;

import java.util.List;

/**
 * An input encoder as a typed, validated value, written as on the command line:
 * <ul>
 *   <li>{@code direct}: the analogue image at every step ({@link DirectEncoder});</li>
 *   <li>{@code rate[:gain]}: Bernoulli spikes with probability gain x intensity ({@link RateEncoder}, gain 1);</li>
 *   <li>{@code latency[:threshold]}: one spike per pixel, brighter earlier, linear in intensity, normalised
 *       ({@link LatencyEncoder#linearNormalized(double)}, threshold 0.01);</li>
 *   <li>{@code latency-log[:tau]}: the logarithmic latency code {@code t = tau ln(x / (x - threshold))},
 *       normalised and clipped (tau 1, threshold 0.01);</li>
 *   <li>{@code frames}: event data already framed, fed frame by frame ({@link FramesEncoder}).</li>
 * </ul>
 *
 * @param kind which encoder
 * @param args its optional argument
 */
public record EncoderSpec(Kind kind, List<Double> args) {
    /** The encoders by command-line name. */
    public enum Kind {
        DIRECT(new Form("direct", 0, 0)), RATE(new Form("rate", 0, 1)), LATENCY(new Form("latency", 0, 1)),
        LATENCY_LOG(new Form("latency-log", 0, 1)), FRAMES(new Form("frames", 0, 0));

        private final Form form;

        Kind(Form form) { this.form = form; }

        public String cliName() { return form.name(); }

        static Kind of(String name) { return Form.find(values(), k -> k.form, name, "encoder"); }
    }

    public EncoderSpec {
        if (kind == null) throw new IllegalArgumentException("encoder kind must not be null");
        args = List.copyOf(args);
        new NamedArgs(kind.cliName(), args).arity(kind.form, "encoder", "direct, rate[:gain], latency[:threshold], latency-log[:tau], frames");
    }

    /** The {@code direct} encoder. */
    public static EncoderSpec direct() {
        return new EncoderSpec(Kind.DIRECT, List.of());
    }

    /** The {@code frames} encoder of event data. */
    public static EncoderSpec frames() {
        return new EncoderSpec(Kind.FRAMES, List.of());
    }

    /** Parses the command-line form. */
    @JsonCreator
    public static EncoderSpec parse(String text) {
        NamedArgs a = NamedArgs.parse(text, "encoder");
        return new EncoderSpec(Kind.of(a.name()), a.args());
    }

    /** The canonical text. */
    @JsonValue
    public String text() {
        return new NamedArgs(kind.cliName(), args).text();
    }

    /** A new encoder object. */
    public Encoder create() {
        return kind == Kind.FRAMES ? new FramesEncoder() : Encoders.parse(text());
    }

    @Override
    public String toString() {
        return text();
    }
}

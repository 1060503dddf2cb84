package org.snnlab.interop;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.neuron.CubaLif;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.ResetMode;
import org.snnlab.neuron.Surrogate;
import org.snnlab.neuron.Surrogates;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * snnlab's neuron layers to NIR neuron nodes and back, by {@link NirConventions}: a {@link Lif} is
 * {@code IF} when every beta is 1, {@code LI} / {@code I} when it is a membrane readout without reset,
 * else {@code LIF}; a {@link CubaLif} is {@code CubaLIF}. Per-neuron beta and theta (trained thresholds,
 * Rouser arXiv 2407.19566) become per-neuron arrays of the layer's feature shape. The node's
 * {@code metadata/} keeps what NIR has no field for: reset (subtract / zero / none), output (spikes /
 * membrane), surrogate, detach_reset, learn_threshold, learn_beta.
 */
final class NirNeurons {
    private NirNeurons() { }

    /** A Lif layer's node ({@code where} names the layer in errors). */
    static NirNode lif(LifConfig c, INDArray beta, INDArray theta, long[] shape, double dt, String where) {
        double[] b = doubles(beta), th = doubles(theta);
        boolean membrane = c.output() == LifConfig.Output.MEMBRANE;
        boolean allOne = true, anyOne = false;
        for (double x : b) {
            allOne &= x == 1;
            anyOne |= x == 1;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        String type;
        if (allOne) {
            type = membrane && c.reset() == ResetMode.NONE ? "I" : "IF";
            f.put("r", NirArray.filled(shape, 1 / dt));
        } else {
            if (anyOne) throw new IllegalArgumentException(where + ": beta = 1 for some neurons but not all (NIR's LIF needs a finite tau)");
            type = membrane && c.reset() == ResetMode.NONE ? "LI" : "LIF";
            double[] tau = new double[b.length], r = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                tau[i] = NirConventions.tau(b[i], dt);
                r[i] = tau[i] / dt;
            }
            f.put("tau", NirArray.f64(shape, tau));
            f.put("r", NirArray.f64(shape, r));
            f.put("v_leak", NirArray.filled(shape, 0));
        }
        if (!type.equals("LI") && !type.equals("I")) {
            f.put("v_threshold", NirArray.f32(shape, th));
            f.put("v_reset", NirArray.filled(shape, 0));
        }
        return NirNode.of(type, f, metadata("Lif", c));
    }

    /** A CubaLif layer's node. */
    static NirNode cubaLif(CubaLif l, long[] shape, double dt, String where) {
        if (!(l.alpha() < 1)) throw new IllegalArgumentException(where + ": current retention alpha = 1 has no NIR time constant tau_syn");
        double[] b = doubles(l.voltage().beta()), th = doubles(l.voltage().threshold());
        double tauSyn = NirConventions.tau(l.alpha(), dt);
        double[] tauMem = new double[b.length], r = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            if (!(b[i] < 1)) throw new IllegalArgumentException(where + ": voltage retention beta = 1 has no NIR time constant tau_mem");
            tauMem[i] = NirConventions.tau(b[i], dt);
            r[i] = tauMem[i] / dt;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("tau_syn", NirArray.filled(shape, tauSyn));
        f.put("tau_mem", NirArray.f64(shape, tauMem));
        f.put("r", NirArray.f64(shape, r));
        f.put("v_leak", NirArray.filled(shape, 0));
        f.put("w_in", NirArray.filled(shape, tauSyn / dt));
        f.put("v_threshold", NirArray.f32(shape, th));
        f.put("v_reset", NirArray.filled(shape, 0));
        return NirNode.of("CubaLIF", f, metadata("CubaLif", l.voltage().config()));
    }

    private static Map<String, Object> metadata(String snnlabType, LifConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("snnlab_type", snnlabType);
        m.put("reset", c.reset().name().toLowerCase(Locale.ROOT));
        m.put("output", c.output().name().toLowerCase(Locale.ROOT));
        m.put("surrogate", c.surrogate().describe());
        m.put("detach_reset", NirArray.scalar(c.detachReset() ? 1L : 0L));
        m.put("learn_threshold", NirArray.scalar(c.learnThreshold() ? 1L : 0L));
        m.put("learn_beta", NirArray.scalar(c.learnBeta() ? 1L : 0L));
        return m;
    }

    static double[] doubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').reshape(a.length()).toDoubleVector();
    }

    // ---------------------------------------------------------------- import

    /** What an imported neuron node becomes: retention(s), thresholds, and the config to build it with. */
    record Neuron(String type, double alpha, double[] beta, double[] theta, LifConfig config) {
        /** A Lif (or the voltage stage of a CubaLif) with the per-neuron arrays assigned. */
        Lif lif(DataType dtype) {
            Lif l = new Lif(beta.length, config, dtype);
            assign(l, dtype);
            return l;
        }

        CubaLif cubaLif(DataType dtype) {
            CubaLif c = new CubaLif(beta.length, alpha, config, dtype);
            assign(c.voltage(), dtype);
            return c;
        }

        private void assign(Lif l, DataType dtype) {
            l.beta().assign(Nd4j.createFromArray(beta).castTo(dtype));
            l.threshold().assign(Nd4j.createFromArray(theta).castTo(dtype));
        }
    }

    /** Reads a neuron node of {@code n} neurons; {@code reset} overrides the node's metadata when not null. */
    static Neuron read(NirFields f, int n, double dt, ResetMode reset, Surrogate surrogate) {
        String type = f.type();
        double[] beta = new double[n], theta = new double[n], gain = new double[n];
        double alpha = 1;
        boolean readout = type.equals("LI") || type.equals("I");
        switch (type) {
            case "LIF", "LI" -> {
                double[] tau = f.perNeuron("tau", n), r = f.perNeuron("r", n);
                f.requireZero("v_leak", n, "snnlab neurons have no resting offset");
                for (int i = 0; i < n; i++) {
                    beta[i] = retention(f, "tau", tau[i], dt);
                    gain[i] = Double.isInfinite(tau[i]) ? dt * r[i] : dt * r[i] / tau[i];
                }
            }
            case "IF", "I" -> {
                double[] r = f.perNeuron("r", n);
                for (int i = 0; i < n; i++) {
                    beta[i] = 1;
                    gain[i] = dt * r[i];
                }
            }
            case "CubaLIF" -> {
                double[] ts = f.perNeuron("tau_syn", n), tm = f.perNeuron("tau_mem", n), r = f.perNeuron("r", n);
                double[] w = f.has("w_in") ? f.perNeuron("w_in", n) : filled(n, 1);
                f.requireZero("v_leak", n, "snnlab neurons have no resting offset");
                alpha = retention(f, "tau_syn", ts[0], dt);
                for (int i = 0; i < n; i++) {
                    if (ts[i] != ts[0]) throw f.error("tau_syn", "differs between neurons (snnlab's CubaLif has one current decay)");
                    beta[i] = retention(f, "tau_mem", tm[i], dt);
                    gain[i] = (dt * w[i] / ts[i]) * (dt * r[i] / tm[i]);
                }
            }
            default -> throw f.error("type", "is not a neuron node");
        }
        ResetMode rm = reset != null ? reset : resetOf(f, readout ? ResetMode.NONE : ResetMode.ZERO);
        LifConfig.Output out = readout ? LifConfig.Output.MEMBRANE
                : "membrane".equals(f.meta("output")) ? LifConfig.Output.MEMBRANE : LifConfig.Output.SPIKES;
        boolean unitGain = true;
        for (double g : gain) {
            if (!(g > 0) || Double.isInfinite(g)) throw f.error("r", "gives an input gain of " + g + " at dt = " + dt + " (must be > 0)");
            unitGain &= NirConventions.unit(g);
        }
        if (readout) {
            if (!unitGain) throw f.error("r", "gives an input gain of " + gain[0] + " at dt = " + dt + "; a membrane readout needs gain 1 (dt r / tau = 1)");
            java.util.Arrays.fill(theta, 1); // a readout without reset never uses its threshold
        } else {
            double[] vth = f.perNeuron("v_threshold", n);
            if (rm != ResetMode.SUBTRACT && f.has("v_reset")) f.requireZero("v_reset", n, "snnlab resets to 0 (or subtracts the threshold)");
            for (int i = 0; i < n; i++) {
                theta[i] = unitGain ? vth[i] : vth[i] / gain[i];
                if (!(theta[i] > 0) || Double.isInfinite(theta[i])) throw f.error("v_threshold", "must be > 0, got " + vth[i]);
            }
            if (!unitGain && out == LifConfig.Output.MEMBRANE)
                throw f.error("r", "gives an input gain of " + gain[0] + "; a membrane output cannot be rescaled");
        }
        Surrogate s = surrogate != null ? surrogate : f.meta("surrogate") != null ? surrogate(f.meta("surrogate"), f) : Surrogates.fastSigmoid(25);
        LifConfig c = new LifConfig(beta[0], readout ? 1 : theta[0], rm, f.flag("detach_reset"), s,
                f.flag("learn_threshold"), f.flag("learn_beta"), out, org.snnlab.neuron.SpikeFn.HEAVISIDE);
        return new Neuron(type, alpha, beta, theta, c);
    }

    private static double retention(NirFields f, String field, double tau, double dt) {
        if (!(tau >= dt)) throw f.error(field, "= " + tau + " is shorter than dt = " + dt + " (retention 1 - dt/tau < 0); pass another dt");
        return NirConventions.retention(tau, dt);
    }

    private static ResetMode resetOf(NirFields f, ResetMode dflt) {
        String r = f.meta("reset");
        if (r == null) return dflt;
        return switch (r.trim().toLowerCase(Locale.ROOT)) {
            case "subtract" -> ResetMode.SUBTRACT;
            case "zero" -> ResetMode.ZERO;
            case "none" -> ResetMode.NONE;
            default -> throw f.error("metadata/reset", "'" + r + "' is not subtract, zero or none");
        };
    }

    private static final Pattern DESCRIBED = Pattern.compile("([a-z_]+)(?:\\((.*)\\))?");

    /** A surrogate from its {@link Surrogate#describe()} form, e.g. {@code exponential(scale=1.5,tau=3.75)}. */
    static Surrogate surrogate(String described, NirFields f) {
        Matcher m = DESCRIBED.matcher(described.trim());
        if (!m.matches()) throw f.error("metadata/surrogate", "'" + described + "' is not a surrogate description");
        StringBuilder args = new StringBuilder();
        if (m.group(2) != null && !m.group(2).isBlank())
            for (String kv : m.group(2).split(",")) args.append(args.length() == 0 ? ":" : ",").append(kv.substring(kv.indexOf('=') + 1).trim());
        try {
            return Surrogates.parse(m.group(1) + args);
        } catch (IllegalArgumentException e) {
            throw f.error("metadata/surrogate", e.getMessage());
        }
    }

    private static double[] filled(int n, double v) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, v);
        return d;
    }
}

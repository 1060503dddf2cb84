package org.snnlab.interop;

/**
 * How snnlab's discrete-time neurons map to NIR's continuous-time ones, at a time step {@code dt}
 * (default {@value #DEFAULT_DT} s, as snnTorch's and Lava's NIR bridges use). NIR (Pedersen et al.,
 * arXiv 2311.14641) stores ODEs and no step; integrating
 * them by forward Euler at {@code dt} gives back snnlab's recurrences exactly when
 * <pre>
 *   LIF      tau dv/dt = (v_leak - v) + r I               v[t] = (1 - dt/tau) v[t-1] + (dt r / tau) I[t]
 *            beta = 1 - dt / tau,  tau = dt / (1 - beta),  r = tau / dt,  v_leak = 0
 *   IF       dv/dt = r I                                   v[t] = v[t-1] + dt r I[t]
 *            beta = 1,  r = 1 / dt
 *   LI       as LIF without threshold (a membrane readout with no reset)
 *   I        as IF without threshold
 *   CubaLIF  tau_syn dI/dt = -I + w_in S,  tau_mem dv/dt = (v_leak - v) + r I
 *            alpha = 1 - dt / tau_syn,  w_in = tau_syn / dt,  beta = 1 - dt / tau_mem,  r = tau_mem / dt
 *   all      v_threshold = theta (per neuron),  v_reset = 0,  spike when v &gt; v_threshold
 * </pre>
 * The input gain of a node is {@code g = dt r / tau} (LIF, LI), {@code dt r} (IF, I), or
 * {@code (dt w_in / tau_syn)(dt r / tau_mem)} (CubaLIF); snnlab's neurons have gain 1. An imported
 * spiking node with another gain is the same neuron on the rescaled membrane {@code v' = v / g}: its
 * threshold becomes {@code theta / g} (snnTorch's importer does the same). Reset by subtraction
 * ({@code u[t] = beta u[t-1] + I[t] - theta s[t-1]}) has no NIR field (NIR issues 63, 129): it is
 * written to the node's {@code metadata/reset}, and NIR's own rule ({@code v <- v_reset = 0}) is
 * snnlab's {@code ResetMode.ZERO}.
 */
public final class NirConventions {
    /** The time step snnTorch, SpikingJelly and Lava assume for NIR files: 1e-4 s. */
    public static final double DEFAULT_DT = 1e-4;
    /** Relative tolerance within which a gain counts as 1 (float32 parameters round-tripped). */
    static final double GAIN_TOLERANCE = 1e-6;

    private NirConventions() { }

    /** {@code tau = dt / (1 - beta)}; beta must be below 1. */
    public static double tau(double beta, double dt) {
        if (!(beta < 1)) throw new IllegalArgumentException("retention " + beta + " has no finite time constant");
        return dt / (1 - beta);
    }

    /** {@code beta = 1 - dt / tau} (1 for an infinite tau). */
    public static double retention(double tau, double dt) {
        if (!(tau > 0)) throw new IllegalArgumentException("time constant must be > 0, got " + tau);
        return Double.isInfinite(tau) ? 1 : 1 - dt / tau;
    }

    /** Whether {@code g} is 1 within {@link #GAIN_TOLERANCE}. */
    static boolean unit(double g) {
        return Math.abs(g - 1) <= GAIN_TOLERANCE;
    }

    static void checkDt(double dt) {
        if (!(dt > 0) || Double.isInfinite(dt)) throw new IllegalArgumentException("dt must be > 0, got " + dt);
    }
}

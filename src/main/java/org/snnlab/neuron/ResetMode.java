package org.snnlab.neuron;

/**
 * What happens to the membrane after a spike.
 * <ul>
 *   <li>{@code SUBTRACT}: {@code u[t] = beta u[t-1] + I[t] - theta s[t-1]} (snnTorch's default; keeps
 *       the surplus above threshold).</li>
 *   <li>{@code ZERO}: {@code u[t] = beta u[t-1] (1 - s[t-1]) + I[t]} (hard reset to rest = 0, as in
 *       SpikingJelly, FastSpiker, Yao et al. and lava-dl's CUBA neuron).</li>
 *   <li>{@code NONE}: no reset (an integrator; used for readout layers).</li>
 * </ul>
 */
public enum ResetMode { SUBTRACT, ZERO, NONE }

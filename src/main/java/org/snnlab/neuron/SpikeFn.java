package org.snnlab.neuron;

/**
 * The forward spike function. {@code HEAVISIDE} is the real neuron ({@code s = [x > 0]}); {@code SMOOTH}
 * replaces it by the surrogate's primitive so that central finite differences can check the backward
 * pass exactly. SMOOTH exists for gradient checks only.
 */
public enum SpikeFn { HEAVISIDE, SMOOTH }

package org.snnlab.train.energy;

/**
 * Measures the energy a run uses. {@link #joules()} is cumulative since the meter was created; a
 * caller takes differences per epoch. Every meter says how it measures ({@link #method()}): a real
 * counter (RAPL), or a documented model when no counter is readable.
 */
public interface EnergyMeter {
    /** Energy since creation, joules. */
    double joules();

    /** "rapl", "tdp-model", ... and what exactly was read. */
    String method();
}

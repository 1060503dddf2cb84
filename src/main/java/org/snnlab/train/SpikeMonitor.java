package org.snnlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.ActivityStats;
import org.snnlab.core.SynapticOps;
import org.snnlab.train.energy.OpCounter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates spike counts over an epoch: per-layer mean firing rate (spikes per neuron per step)
 * and the fraction of dead neurons (no spike for any example at any step in the epoch; Rouser).
 * Counts are copied to Java arrays, so it is safe to feed from inside a step workspace. It also counts
 * the synaptic operations of the epoch's forward passes ({@link OpCounter}), from which the trainer writes
 * the operation-count energy estimate beside the measured energy.
 */
public final class SpikeMonitor implements ActivityStats {
    private final Map<String, double[]> perNeuron = new LinkedHashMap<>();
    private final Map<String, double[]> totals = new LinkedHashMap<>(); // spikes, neuron-steps
    private final OpCounter ops = new OpCounter();

    @Override
    public boolean countsOps() { return true; }

    @Override
    public void recordOps(String layer, SynapticOps o) { ops.recordOps(layer, o); }

    /** The operations counted so far. */
    public OpCounter ops() { return ops; }

    @Override
    public void record(String layer, INDArray spikesPerNeuron, INDArray spikesPerExample, int steps) {
        double[] counts = spikesPerNeuron.toDoubleVector();
        double[] acc = perNeuron.computeIfAbsent(layer, k -> new double[counts.length]);
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            acc[i] += counts[i];
            sum += counts[i];
        }
        double[] t = totals.computeIfAbsent(layer, k -> new double[2]);
        t[0] += sum;
        t[1] += (double) counts.length * spikesPerExample.length() * steps;
    }

    /** {@code spike_rate.<layer>} and {@code dead_fraction.<layer>} for every spiking layer seen (the operations: {@link #ops()}). */
    public Map<String, Double> summary() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (var e : perNeuron.entrySet()) {
            double[] t = totals.get(e.getKey());
            m.put(LayerStat.Kind.SPIKE_RATE.column(e.getKey()), t[1] == 0 ? 0 : t[0] / t[1]);
            int dead = 0;
            for (double c : e.getValue()) if (c == 0) dead++;
            m.put(LayerStat.Kind.DEAD_FRACTION.column(e.getKey()), (double) dead / e.getValue().length);
        }
        return m;
    }
}

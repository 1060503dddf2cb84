package org.snnlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.model.ActivityStats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates spike counts over an epoch: per-layer mean firing rate (spikes per neuron per step)
 * and the fraction of dead neurons (no spike for any example at any step in the epoch; Rouser).
 */
public final class SpikeMonitor implements ActivityStats {
    private final Map<String, INDArray> perNeuron = new LinkedHashMap<>();
    private final Map<String, double[]> totals = new LinkedHashMap<>(); // spikes, neuron-steps

    @Override
    public void record(String layer, INDArray spikesPerNeuron, INDArray spikesPerExample, int steps) {
        INDArray acc = perNeuron.get(layer);
        if (acc == null) perNeuron.put(layer, spikesPerNeuron.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup());
        else acc.addi(spikesPerNeuron.castTo(acc.dataType()));
        double[] t = totals.computeIfAbsent(layer, k -> new double[2]);
        t[0] += spikesPerNeuron.sumNumber().doubleValue();
        t[1] += (double) spikesPerNeuron.length() * spikesPerExample.length() * steps;
    }

    /** {@code spike_rate.<layer>} and {@code dead_fraction.<layer>} for every spiking layer seen. */
    public Map<String, Double> summary() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (var e : perNeuron.entrySet()) {
            double[] t = totals.get(e.getKey());
            m.put("spike_rate." + e.getKey(), t[1] == 0 ? 0 : t[0] / t[1]);
            INDArray counts = e.getValue();
            double dead = counts.eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber().doubleValue();
            m.put("dead_fraction." + e.getKey(), dead / counts.length());
        }
        return m;
    }
}

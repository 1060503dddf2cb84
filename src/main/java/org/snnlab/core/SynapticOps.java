package org.snnlab.core;

/**
 * The synaptic operations one layer did in one forward pass, counted from the values it actually
 * received: accumulates (AC) when its input was binary spikes (each input spike adds one weight to
 * each target it fans out to), multiply-accumulates (MAC) when its input was real-valued, and the MACs
 * an ANN of the same shape would do (every input dense, one time step). The energy convention of
 * Rueckauer et al. 2017 and of most SNN papers since (e.g. Yao et al. 2023, arXiv 2401.10843): energy
 * = AC x E_AC + MAC x E_MAC. Bias additions and neuron updates are not counted.
 *
 * @param accumulates          ACs over the whole pass (all examples, all time steps)
 * @param multiplyAccumulates  MACs over the whole pass
 * @param annMultiplyAccumulates MACs of the same-shaped ANN over the same examples at one time step
 * @param examples             examples in the pass (B)
 */
public record SynapticOps(double accumulates, double multiplyAccumulates, double annMultiplyAccumulates, int examples) {
    public SynapticOps {
        if (!(accumulates >= 0) || !(multiplyAccumulates >= 0) || !(annMultiplyAccumulates >= 0))
            throw new IllegalArgumentException("operation counts must be >= 0, got " + accumulates + ", " + multiplyAccumulates
                    + ", " + annMultiplyAccumulates);
        if (examples < 0) throw new IllegalArgumentException("examples must be >= 0, got " + examples);
    }

    /** The sum of two counts of the same layer (e.g. the windows of one pass); examples are not added. */
    public SynapticOps plusOps(SynapticOps o) {
        return new SynapticOps(accumulates + o.accumulates, multiplyAccumulates + o.multiplyAccumulates,
                annMultiplyAccumulates + o.annMultiplyAccumulates, Math.max(examples, o.examples));
    }
}

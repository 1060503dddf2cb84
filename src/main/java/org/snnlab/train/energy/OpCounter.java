package org.snnlab.train.energy;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.ActivityStats;
import org.snnlab.core.SynapticOps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link ActivityStats} sink that counts synaptic operations over any number of passes: per layer,
 * accumulates (from input spikes x fan-out), multiply-accumulates (real-valued inputs) and the MACs of an
 * ANN of the same shape (one step, dense inputs), each per example. With an {@link EnergyProfile} they
 * become an energy estimate: {@code E_SNN = AC E_AC + MAC E_MAC}, {@code E_ANN = MAC_ANN E_MAC}
 * (Rueckauer et al. 2017; the accounting of Yao et al. 2023, arXiv 2401.10843). Bias additions, neuron
 * updates, normalisations and element-wise activations are not counted (as in those papers).
 */
public final class OpCounter implements ActivityStats {
    private final Map<String, double[]> sums = new LinkedHashMap<>(); // ac, mac, ann, examples

    /**
     * One layer's operations per example.
     *
     * @param layer                  the layer's name in its model
     * @param accumulates            ACs per example (all time steps)
     * @param multiplyAccumulates    MACs per example (all time steps)
     * @param annMultiplyAccumulates MACs per example of the same-shaped ANN (one step)
     */
    public record LayerOps(String layer, double accumulates, double multiplyAccumulates, double annMultiplyAccumulates) {
        /** This layer's SNN energy per example, J. */
        public double snnJoules(EnergyProfile p) { return p.joules(accumulates, multiplyAccumulates); }

        /** The same-shaped ANN layer's energy per example, J. */
        public double annJoules(EnergyProfile p) { return p.joules(0, annMultiplyAccumulates); }

        /** True when this layer takes spikes (did only accumulates). */
        public boolean spiking() { return accumulates > 0 && multiplyAccumulates == 0; }
    }

    @Override
    public void record(String layer, INDArray spikesPerNeuron, INDArray spikesPerExample, int steps) { }

    @Override
    public boolean countsOps() { return true; }

    @Override
    public void recordOps(String layer, SynapticOps ops) {
        double[] s = sums.computeIfAbsent(layer, k -> new double[4]);
        s[0] += ops.accumulates();
        s[1] += ops.multiplyAccumulates();
        s[2] += ops.annMultiplyAccumulates();
        s[3] += ops.examples();
    }

    /** True when nothing was counted. */
    public boolean isEmpty() { return sums.isEmpty(); }

    /** Examples counted (the most any layer saw). */
    public double examples() {
        return sums.values().stream().mapToDouble(s -> s[3]).max().orElse(0);
    }

    /** Per-layer operations per example, in the order the layers first ran. */
    public List<LayerOps> layers() {
        List<LayerOps> out = new ArrayList<>();
        sums.forEach((k, s) -> out.add(s[3] == 0 ? new LayerOps(k, 0, 0, 0) : new LayerOps(k, s[0] / s[3], s[1] / s[3], s[2] / s[3])));
        return out;
    }

    /** All layers' operations per example, summed (layer name "total"). */
    public LayerOps total() {
        double ac = 0, mac = 0, ann = 0;
        for (LayerOps l : layers()) {
            ac += l.accumulates();
            mac += l.multiplyAccumulates();
            ann += l.annMultiplyAccumulates();
        }
        return new LayerOps("total", ac, mac, ann);
    }

    /**
     * The metrics.csv columns of an epoch: {@code ac_per_example}, {@code mac_per_example},
     * {@code est_snn_j_per_example}, {@code est_ann_j_per_example} (with {@code p}), {@code est_forward_j}
     * (the estimate for all counted forward passes; comparable in kind to the measured {@code energy_j}).
     */
    public Map<String, Double> columns(EnergyProfile p) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (isEmpty()) return m;
        LayerOps t = total();
        m.put("ac_per_example", t.accumulates());
        m.put("mac_per_example", t.multiplyAccumulates());
        m.put("est_snn_j_per_example", t.snnJoules(p));
        m.put("est_ann_j_per_example", t.annJoules(p));
        m.put("est_forward_j", t.snnJoules(p) * examples());
        return m;
    }
}

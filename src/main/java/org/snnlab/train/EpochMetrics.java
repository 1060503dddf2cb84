package org.snnlab.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code metrics.csv}: what an epoch did.
 *
 * @param epoch       0-based epoch
 * @param iteration   optimizer steps taken so far
 * @param lr          learning rate at the epoch's last step
 * @param trainLoss   mean training loss
 * @param trainAcc    training accuracy (fraction)
 * @param testLoss    mean test loss (NaN without a test set)
 * @param testAcc     test accuracy (fraction; NaN without a test set)
 * @param epochSeconds wall time of the epoch (training + evaluation)
 * @param extra       per-layer spike rates, dead-neuron fractions, weight-change norms, ...
 */
public record EpochMetrics(int epoch, long iteration, double lr, double trainLoss, double trainAcc,
                           double testLoss, double testAcc, double epochSeconds, Map<String, Double> extra) {

    /** The per-layer statistics of this epoch, in column order. */
    public List<LayerStat> layerStats() {
        List<LayerStat> out = new ArrayList<>();
        extra.forEach((k, v) -> LayerStat.ofColumn(k, v).ifPresent(out::add));
        return out;
    }

    /** One kind of statistic: layer (or weight) name -> value, in column order. */
    public Map<String, Double> stats(LayerStat.Kind kind) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (LayerStat s : layerStats()) if (s.kind() == kind) m.put(s.layer(), s.value());
        return m;
    }
}

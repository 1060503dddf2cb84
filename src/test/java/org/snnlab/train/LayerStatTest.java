package org.snnlab.train;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-layer statistics read back from an epoch's columns by kind, not by parsing key strings. */
class LayerStatTest {
    @Test
    void columnsMapToTypedStatistics() {
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("spike_rate.1_Lif", 0.25);
        extra.put("dead_fraction.1_Lif", 0.5);
        extra.put("spike_rate.3_Lif", 0.125);
        extra.put("weight_change.0_Dense.weight", 0.01);
        extra.put("energy_j", 3.0);
        extra.put("spike_rate.", 9.0); // no layer name: not a statistic
        EpochMetrics m = new EpochMetrics(0, 1, 1e-3, 1, 0.5, 1, 0.5, 1, extra);
        assertEquals(4, m.layerStats().size());
        assertEquals(Map.of("1_Lif", 0.25, "3_Lif", 0.125), m.stats(LayerStat.Kind.SPIKE_RATE));
        assertEquals(List.of("1_Lif", "3_Lif"), List.copyOf(m.stats(LayerStat.Kind.SPIKE_RATE).keySet()), "column order");
        assertEquals(0.01, m.stats(LayerStat.Kind.WEIGHT_CHANGE).get("0_Dense.weight"));
        assertEquals("dead_fraction.1_Lif", new LayerStat(LayerStat.Kind.DEAD_FRACTION, "1_Lif", 0).column());
        assertTrue(LayerStat.ofColumn("energy_j", 1).isEmpty());
    }
}

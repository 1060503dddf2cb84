package org.snnlab.train;

import java.util.Optional;

/**
 * One per-layer statistic of an epoch, typed: what it measures, which layer (or weight tensor), its
 * value. In {@code metrics.csv} it is the column {@code <kind>.<layer>}, e.g. {@code spike_rate.1_Lif}.
 *
 * @param kind  what is measured
 * @param layer the layer's name in its model ({@code 1_Lif}), or the weight's ({@code 0_Dense.weight})
 * @param value the measurement
 */
public record LayerStat(Kind kind, String layer, double value) {
    /** The per-layer statistics the trainer records. */
    public enum Kind {
        /** Mean firing rate: spikes per neuron per time step over the epoch's training batches. */
        SPIKE_RATE("spike_rate"),
        /** Fraction of the layer's neurons that did not spike for any example at any step of the epoch (Rouser's dead neurons). */
        DEAD_FRACTION("dead_fraction"),
        /** {@code ||W - W0||_F / ||W0||_F} of a weight tensor against its initial value. */
        WEIGHT_CHANGE("weight_change");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** The metrics.csv column of this statistic for {@code layer}. */
        public String column(String layer) {
            return prefix + "." + layer;
        }

        /** The column prefix, e.g. {@code spike_rate}. */
        public String prefix() {
            return prefix;
        }
    }

    public LayerStat {
        if (kind == null) throw new IllegalArgumentException("kind must not be null");
        if (layer == null || layer.isBlank()) throw new IllegalArgumentException("layer must not be blank");
    }

    /** The statistic a metrics.csv column holds, or empty for another column. */
    public static Optional<LayerStat> ofColumn(String column, double value) {
        for (Kind k : Kind.values())
            if (column.startsWith(k.prefix + ".") && column.length() > k.prefix.length() + 1)
                return Optional.of(new LayerStat(k, column.substring(k.prefix.length() + 1), value));
        return Optional.empty();
    }

    /** Its metrics.csv column. */
    public String column() {
        return kind.column(layer);
    }
}

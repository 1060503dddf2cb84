package org.snnlab.sweep;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The per-trial numbers a comparison can test, by their results.csv column name. Accuracies are
 * better higher; epochs, time, energy and carbon lower. A run that never became stable has no value
 * for the "to stability" metrics (NaN), and is left out of a comparison of them.
 */
public enum Metric {
    FINAL_TEST_ACC(true, TrialResult::finalTestAcc),
    BEST_TEST_ACC(true, TrialResult::bestTestAcc),
    EPOCHS(false, r -> r.epochs()),
    EPOCHS_TO_STABILITY(false, r -> r.epochsToStability() < 0 ? Double.NaN : r.epochsToStability()),
    SECONDS(false, TrialResult::seconds),
    SECONDS_TO_STABILITY(false, TrialResult::secondsToStability),
    ENERGY_J(false, TrialResult::energyJ),
    CO2_G(false, TrialResult::co2G);

    private final boolean higherIsBetter;
    private final ToDoubleFunction<TrialResult> get;

    Metric(boolean higherIsBetter, ToDoubleFunction<TrialResult> get) {
        this.higherIsBetter = higherIsBetter;
        this.get = get;
    }

    public boolean higherIsBetter() { return higherIsBetter; }

    public double of(TrialResult r) { return get.applyAsDouble(r); }

    /** The column name, e.g. {@code final_test_acc}. */
    public String column() { return name().toLowerCase(Locale.ROOT); }

    /** By column name; an IllegalArgumentException listing the names otherwise. */
    public static Metric parse(String column) {
        for (Metric m : values()) if (m.column().equals(column.trim().toLowerCase(Locale.ROOT))) return m;
        throw new IllegalArgumentException("unknown metric '" + column + "' (one of "
                + Arrays.stream(values()).map(Metric::column).toList() + ")");
    }
}

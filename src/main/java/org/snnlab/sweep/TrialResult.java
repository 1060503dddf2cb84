package org.snnlab.sweep;

import org.snnlab.train.EpochMetrics;
import org.snnlab.train.StabilityDetector;

import java.util.List;

/**
 * What one finished trial reports (its {@code done.json}, one row of the results table).
 *
 * @param status             {@link Status#DONE}, or {@link Status#DIVERGED} when the loss or weights became NaN/Inf
 * @param finalTestAcc       test accuracy after the last epoch (fraction; NaN if none finished)
 * @param bestTestAcc        best test accuracy of any epoch
 * @param epochs             epochs trained (including those of resumed parts)
 * @param epochsToStability  1-based epoch at which the stability rule held first, -1 if never
 * @param seconds            sum of the epochs' wall time (training and evaluation)
 * @param secondsToStability wall time up to and including the stable epoch (NaN if never stable)
 * @param energyJ            energy of all epochs, joules ({@code energy_j} of metrics.csv summed)
 * @param co2G               carbon of all epochs, grams CO2eq ({@code co2_kg} x 1000 summed)
 * @param energyMethod       the meter that measured the energy (RAPL, NVML, TDP model, ...)
 * @param testAccPerEpoch    test accuracy of every epoch, in order (range-scan curves)
 * @param message            why it diverged; empty otherwise
 */
public record TrialResult(Status status, double finalTestAcc, double bestTestAcc, int epochs, int epochsToStability,
                          double seconds, double secondsToStability, double energyJ, double co2G, String energyMethod,
                          List<Double> testAccPerEpoch, String message) {

    /** How a trial ended. A failed trial (crash, bad configuration) has no result and is retried. */
    public enum Status { DONE, DIVERGED }

    public TrialResult {
        if (status == null) throw new IllegalArgumentException("status must not be null");
        testAccPerEpoch = List.copyOf(testAccPerEpoch);
        energyMethod = energyMethod == null ? "" : energyMethod;
        message = message == null ? "" : message;
    }

    /**
     * The result of a run from its per-epoch metrics: totals over every epoch, stability by
     * {@code rule} (the first epoch e where the std of test accuracy over epochs e-w+1..e is below the
     * threshold).
     */
    public static TrialResult of(List<EpochMetrics> history, StabilityDetector rule, String energyMethod) {
        return summarize(Status.DONE, history, rule, energyMethod, "");
    }

    /** A diverged run: what its finished epochs (possibly none) recorded, and the reason. */
    public static TrialResult diverged(List<EpochMetrics> history, StabilityDetector rule, String energyMethod, String reason) {
        return summarize(Status.DIVERGED, history, rule, energyMethod, reason);
    }

    private static TrialResult summarize(Status status, List<EpochMetrics> h, StabilityDetector rule, String method, String msg) {
        List<Double> acc = h.stream().map(EpochMetrics::testAcc).toList();
        int stable = acc.isEmpty() ? -1 : rule.stableAt(acc);
        double seconds = 0, toStable = Double.NaN, joules = 0, kg = 0;
        for (int i = 0; i < h.size(); i++) {
            seconds += h.get(i).epochSeconds();
            joules += h.get(i).extra().getOrDefault("energy_j", Double.NaN);
            kg += h.get(i).extra().getOrDefault("co2_kg", Double.NaN);
            if (i == stable) toStable = seconds;
        }
        double last = acc.isEmpty() ? Double.NaN : acc.get(acc.size() - 1);
        double best = acc.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return new TrialResult(status, last, best, h.size(), stable < 0 ? -1 : stable + 1, seconds, toStable,
                joules, 1000 * kg, method, acc, msg);
    }
}

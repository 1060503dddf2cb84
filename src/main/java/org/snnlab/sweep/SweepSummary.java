package org.snnlab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line per setting (grid point) over its seeds: how many finished, diverged or failed, the mean
 * and sample std of the final test accuracy, the mean epochs and seconds to stability over the runs
 * that became stable, and mean seconds, energy and CO2 per run.
 */
public final class SweepSummary {
    private SweepSummary() { }

    /** A setting's aggregate; NaN where no run contributes. */
    public record Row(String setting, int done, int diverged, int failed, double accMean, double accStd, int stable,
                      double epochsToStability, double secondsToStability, double seconds, double energyJ, double co2G) { }

    /** Groups outcomes by setting, in the order settings first appear. */
    public static List<Row> of(List<LocalExecutor.Outcome> outcomes) {
        Map<String, List<LocalExecutor.Outcome>> by = new LinkedHashMap<>();
        for (LocalExecutor.Outcome o : outcomes) if (o != null) by.computeIfAbsent(o.trial().setting(), k -> new ArrayList<>()).add(o);
        List<Row> rows = new ArrayList<>();
        by.forEach((k, v) -> rows.add(row(k, v)));
        return rows;
    }

    private static Row row(String setting, List<LocalExecutor.Outcome> os) {
        int done = 0, diverged = 0, failed = 0;
        List<Double> acc = new ArrayList<>(), ep = new ArrayList<>(), st = new ArrayList<>(), sec = new ArrayList<>(),
                joules = new ArrayList<>(), co2 = new ArrayList<>();
        for (LocalExecutor.Outcome o : os) {
            if (o.failed()) { failed++; continue; }
            TrialResult r = o.result();
            if (r.status() == TrialResult.Status.DIVERGED) { diverged++; continue; }
            done++;
            acc.add(r.finalTestAcc());
            if (r.epochsToStability() > 0) { ep.add((double) r.epochsToStability()); st.add(r.secondsToStability()); }
            sec.add(r.seconds());
            joules.add(r.energyJ());
            co2.add(r.co2G());
        }
        return new Row(setting, done, diverged, failed, mean(acc), std(acc), ep.size(), mean(ep), mean(st), mean(sec), mean(joules), mean(co2));
    }

    static double mean(List<Double> v) {
        return v.isEmpty() ? Double.NaN : v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n - 1); NaN below 2 values. */
    static double std(List<Double> v) {
        if (v.size() < 2) return Double.NaN;
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.size() - 1));
    }

    /** A fixed-width text table (accuracy in percent). */
    public static String format(List<Row> rows) {
        int w = Math.max(7, rows.stream().mapToInt(r -> r.setting().length()).max().orElse(7));
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s  %4s %4s %4s  %15s  %6s %9s %9s  %9s %10s %10s%n",
                "setting", "done", "div", "fail", "test acc (%)", "stable", "epochs", "s to stab", "s/run", "J/run", "gCO2/run"));
        for (Row r : rows)
            b.append(String.format(Locale.ROOT, "%-" + w + "s  %4d %4d %4d  %7s +- %5s  %6s %9s %9s  %9s %10s %10s%n",
                    r.setting(), r.done(), r.diverged(), r.failed(), fmt(100 * r.accMean(), 2), fmt(100 * r.accStd(), 2),
                    r.stable() + "/" + r.done(), fmt(r.epochsToStability(), 1), fmt(r.secondsToStability(), 1), fmt(r.seconds(), 1), fmt(r.energyJ(), 1), fmt(r.co2G(), 4)));
        return b.toString();
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}

package org.snnlab.notebook;

import org.snnlab.train.LayerStat;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summaries of the run tables of {@link RunTables}, as Tablesaw tables. A <em>run</em> is the rows
 * sharing one ({@code setting}, {@code seed}) (the whole table when it has neither column); runs and
 * groups keep the order in which they first appear.
 * <ul>
 *   <li>{@link #finalEpochs}: each run's last epoch; {@link #bestEpochs}: each run's epoch of highest
 *       {@code metric} (the first one on a tie);</li>
 *   <li>{@link #firstEpochReaching}: the first epoch at which {@code metric >= target}, with the
 *       training seconds spent until then;</li>
 *   <li>{@link #meanStd}: per setting, {@code n} (runs with a value), {@code mean = sum x / n} and the
 *       sample standard deviation {@code std = sqrt(sum (x - mean)^2 / (n - 1))} (Tablesaw's
 *       {@code stdDev}; 0 for a single run);</li>
 *   <li>{@link #perLayer}: the per-layer columns {@code <metric>.<layer>} as a long table of
 *       ({@code metric}, {@code layer}, {@code value}) rows.</li>
 * </ul>
 * For example, final test accuracy over seeds: {@code meanStd(finalEpochs(runs), "test_acc")}; the
 * final per-layer spike rates by setting: {@code meanStdBy(perLayer(finalEpochs(runs)), "value",
 * "setting", "metric", "layer")}.
 */
public final class RunSummaries {
    private static final List<String> RUN_KEYS = List.of("setting", "seed");

    private RunSummaries() { }

    /** Each run's row of largest {@code epoch}. */
    public static Table finalEpochs(Table runs) {
        IntColumn epoch = runs.intColumn("epoch");
        return pick(runs, "final epochs", (best, r) -> epoch.getInt(r) > epoch.getInt(best));
    }

    /** Each run's row of largest {@code metric} (missing values never win; a run without any value is left out). */
    public static Table bestEpochs(Table runs, String metric) {
        NumericColumn<?> m = numeric(runs, metric);
        Table t = pick(runs, "best " + metric, (best, r) -> !m.isMissing(r) && (m.isMissing(best) || m.getDouble(r) > m.getDouble(best)));
        return t.where(t.numberColumn(metric).isNotMissing()).setName("best " + metric);
    }

    /**
     * Per run: {@code epoch}, the first (0-based) epoch with {@code metric >= target}, {@code epochs}
     * = epoch + 1, and {@code seconds}, the sum of {@code epoch_seconds} up to and including it; all
     * three missing when the run never reaches the target.
     */
    public static Table firstEpochReaching(Table runs, String metric, double target) {
        NumericColumn<?> m = numeric(runs, metric);
        NumericColumn<?> secs = runs.containsColumn("epoch_seconds") ? runs.numberColumn("epoch_seconds") : null;
        Map<String, Integer> first = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Integer> rowOf = new LinkedHashMap<>();
        for (int r = 0; r < runs.rowCount(); r++) {
            String k = runKey(runs, r);
            rowOf.putIfAbsent(k, r);
            if (first.containsKey(k)) continue;
            seconds.merge(k, secs == null || secs.isMissing(r) ? 0 : secs.getDouble(r), Double::sum);
            if (!m.isMissing(r) && m.getDouble(r) >= target) first.put(k, r);
        }
        Table out = inOrder(runs.selectColumns(keys(runs)), rowOf.values());
        IntColumn epoch = IntColumn.create("epoch"), epochs = IntColumn.create("epochs");
        DoubleColumn s = DoubleColumn.create("seconds");
        for (String k : rowOf.keySet()) {
            Integer r = first.get(k);
            if (r == null) {
                epoch.appendMissing();
                epochs.appendMissing();
                s.appendMissing();
            } else {
                int e = runs.intColumn("epoch").getInt(r);
                epoch.append(e);
                epochs.append(e + 1);
                s.append(secs == null ? Double.NaN : seconds.get(k));
            }
        }
        return out.addColumns(epoch, epochs, s).setName("first epoch with " + metric + " >= " + target);
    }

    /** {@link #meanStdBy} grouped by {@code setting}. */
    public static Table meanStd(Table perRun, String metric) {
        return meanStdBy(perRun, metric, "setting");
    }

    /**
     * {@code n}, {@code mean} and {@code std} (see the class comment) of {@code metric} for each group
     * of the {@code by} columns (strings, ints or longs), in order of first appearance (Tablesaw's
     * {@code summarize(...).by(...)}).
     */
    public static Table meanStdBy(Table perRun, String metric, String... by) {
        numeric(perRun, metric);
        if (by.length == 0) throw new IllegalArgumentException("meanStdBy needs at least one column to group by");
        Table s = perRun.summarize(metric, AggregateFunctions.countNonMissing, AggregateFunctions.mean, AggregateFunctions.stdDev).by(by);
        int c = by.length;
        s.replaceColumn(c, ((DoubleColumn) s.column(c)).asIntColumn().setName("n")); // Tablesaw counts in doubles
        s.column(c + 1).setName("mean");
        s.column(c + 2).setName("std");
        return s.setName(metric + " by " + String.join(", ", by) + " (mean, sample std)"); // Tablesaw keeps the groups' order
    }

    /**
     * The per-layer statistic columns {@code <metric>.<layer>} ({@link LayerStat}: spike rate, dead
     * fraction, weight change; for {@code weight_change} the layer is the parameter, e.g. {@code 0_Conv2d.weight}) as rows {@code setting, seed, epoch} (those
     * present), {@code metric}, {@code layer}, {@code value}; missing values are left out.
     */
    public static Table perLayer(Table runs) {
        List<String> ids = new ArrayList<>(List.of(keys(runs)));
        if (runs.containsColumn("epoch")) ids.add("epoch");
        List<String> dotted = runs.columnNames().stream().filter(n -> LayerStat.ofColumn(n, 0).isPresent()).toList();
        List<NumericColumn<?>> cols = dotted.stream().<NumericColumn<?>>map(n -> numeric(runs, n)).toList();
        List<Integer> from = new ArrayList<>();
        StringColumn metric = StringColumn.create("metric"), layer = StringColumn.create("layer");
        DoubleColumn value = DoubleColumn.create("value");
        for (int r = 0; r < runs.rowCount(); r++)
            for (int i = 0; i < dotted.size(); i++) {
                String n = dotted.get(i);
                NumericColumn<?> c = cols.get(i);
                if (c.isMissing(r)) continue;
                from.add(r);
                LayerStat stat = LayerStat.ofColumn(n, c.getDouble(r)).orElseThrow();
                metric.append(stat.kind().prefix());
                layer.append(stat.layer());
                value.append(c.getDouble(r));
            }
        return inOrder(runs.selectColumns(ids.toArray(String[]::new)), from).addColumns(metric, layer, value).setName("per layer");
    }

    /** Whether row {@code r} should replace row {@code best} as its run's pick. */
    private interface Better {
        boolean test(int best, int r);
    }

    private static Table pick(Table runs, String name, Better better) {
        Map<String, Integer> best = new LinkedHashMap<>();
        for (int r = 0; r < runs.rowCount(); r++) {
            int row = r;
            best.merge(runKey(runs, r), r, (b, n) -> better.test(b, row) ? row : b);
        }
        return inOrder(runs, best.values()).setName(name);
    }

    /** A new table holding {@code t}'s rows {@code rows}, in that order (repeats allowed). */
    private static Table inOrder(Table t, java.util.Collection<Integer> rows) {
        Table out = t.emptyCopy();
        for (int r : rows) out.addRow(r, t);
        return out;
    }

    private static String[] keys(Table t) {
        return RUN_KEYS.stream().filter(t::containsColumn).toArray(String[]::new);
    }

    private static String runKey(Table t, int r) {
        return key(t, r, keys(t));
    }

    private static String key(Table t, int r, String... cols) {
        StringBuilder sb = new StringBuilder();
        for (String c : cols) sb.append(t.column(c).getString(r)).append('\u0000');
        return sb.toString();
    }

    private static NumericColumn<?> numeric(Table t, String name) {
        if (!t.containsColumn(name)) throw new IllegalArgumentException("no column '" + name + "' in " + t.columnNames());
        Column<?> c = t.column(name);
        if (!(c instanceof NumericColumn<?> n)) throw new IllegalArgumentException("column '" + name + "' is " + c.type() + ", not a number");
        return n;
    }
}

package org.snnlab.notebook;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.snnlab.train.EpochMetrics;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training runs and sweeps as Tablesaw tables, for notebooks to summarise (see {@link RunSummaries})
 * and show ({@link Display#table}).
 * <ul>
 *   <li>{@link #metrics(Path)}: a run's {@code metrics.csv}, one row per epoch: {@code epoch} (int,
 *       0-based), {@code iteration} (long), then doubles: {@code lr, train_loss, train_acc, test_loss,
 *       test_acc, epoch_seconds}, the per-layer {@code spike_rate.<layer>}, {@code dead_fraction.<layer>},
 *       {@code weight_change.<param>}, {@code energy_j}, {@code co2_kg}. {@code NaN} (no test set) is a
 *       missing value.</li>
 *   <li>{@link #run(Path, String, long)} / {@link #history(List, String, long)}: the same with a
 *       {@code setting} (string) and {@code seed} (long) column in front, so that {@link #combine}
 *       can stack several runs into one table.</li>
 *   <li>{@link #results(Path)}: a sweep's {@code results.csv} (sweep/ResultsCsv): {@code trial}, the
 *       grid parameters (strings, as written), {@code seed} (long), {@code status}, {@code final_test_acc},
 *       {@code best_test_acc}, {@code epochs}, {@code epochs_to_stability} (ints), {@code seconds},
 *       {@code seconds_to_stability}, {@code energy_j}, {@code co2_g} (doubles), {@code energy_method}.</li>
 * </ul>
 */
public final class RunTables {
    /** The columns every metrics.csv starts with, in order (train/MetricsCsv). */
    public static final List<String> BASE = List.of("epoch", "iteration", "lr", "train_loss", "train_acc",
            "test_loss", "test_acc", "epoch_seconds");
    private static final Set<String> RESULT_STRINGS = Set.of("trial", "status", "energy_method");
    private static final Set<String> RESULT_INTS = Set.of("epochs", "epochs_to_stability");

    private RunTables() { }

    /** One run's metrics.csv ({@code file}, or the {@code metrics.csv} inside a run folder), named after its folder. */
    public static Table metrics(Path file) throws IOException {
        Path f = Files.isDirectory(file) ? file.resolve("metrics.csv") : file;
        List<String> header = new ArrayList<>();
        List<CSVRecord> rows = parse(f, header);
        if (!header.containsAll(List.of("epoch", "iteration")))
            throw new IllegalArgumentException(f + " is not a metrics.csv: its header " + header + " lacks epoch, iteration");
        List<Column<?>> cols = new ArrayList<>();
        for (String h : header) {
            Column<?> c = h.equals("epoch") ? IntColumn.create(h) : h.equals("iteration") ? LongColumn.create(h) : DoubleColumn.create(h);
            for (CSVRecord r : rows) cell(c, r.get(h), f, r);
            cols.add(c);
        }
        Path dir = f.toAbsolutePath().getParent();
        return Table.create(dir == null || dir.getFileName() == null ? f.toString() : dir.getFileName().toString(), cols);
    }

    /** {@link #metrics(Path)} with {@code setting} and {@code seed} columns in front, named {@code setting}. */
    public static Table run(Path file, String setting, long seed) throws IOException {
        return labelled(metrics(file), setting, seed);
    }

    /**
     * An in-memory history ({@code TrainResult.history()}) as {@link #run} would read it back from
     * metrics.csv: the base columns, then every extra key in order of first appearance (NaN where a
     * row lacks one).
     */
    public static Table history(List<EpochMetrics> rows, String setting, long seed) {
        Set<String> extra = new LinkedHashSet<>();
        for (EpochMetrics m : rows) extra.addAll(m.extra().keySet());
        IntColumn epoch = IntColumn.create("epoch");
        LongColumn iteration = LongColumn.create("iteration");
        Map<String, DoubleColumn> d = new LinkedHashMap<>();
        for (String h : BASE.subList(2, BASE.size())) d.put(h, DoubleColumn.create(h));
        for (String h : extra) d.put(h, DoubleColumn.create(h));
        for (EpochMetrics m : rows) {
            epoch.append(m.epoch());
            iteration.append(m.iteration());
            double[] base = {m.lr(), m.trainLoss(), m.trainAcc(), m.testLoss(), m.testAcc(), m.epochSeconds()};
            for (int i = 0; i < base.length; i++) d.get(BASE.get(i + 2)).append(base[i]);
            for (String h : extra) d.get(h).append(m.extra().getOrDefault(h, Double.NaN));
        }
        List<Column<?>> cols = new ArrayList<>(List.of(epoch, iteration));
        cols.addAll(d.values());
        return labelled(Table.create(setting, cols), setting, seed);
    }

    /** A sweep's results.csv with the column types above; the grid parameters are the columns between trial and seed. */
    public static Table results(Path file) throws IOException {
        Path f = Files.isDirectory(file) ? file.resolve("results.csv") : file;
        List<String> header = new ArrayList<>();
        List<CSVRecord> rows = parse(f, header);
        int seedAt = header.indexOf("seed");
        if (header.indexOf("trial") != 0 || seedAt < 0)
            throw new IllegalArgumentException(f + " is not a sweep results.csv: its header " + header + " must start with trial and hold seed");
        List<Column<?>> cols = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            Column<?> c = i < seedAt || RESULT_STRINGS.contains(h) ? StringColumn.create(h)
                    : i == seedAt ? LongColumn.create(h) : RESULT_INTS.contains(h) ? IntColumn.create(h) : DoubleColumn.create(h);
            for (CSVRecord r : rows) cell(c, r.get(h), f, r);
            cols.add(c);
        }
        return Table.create("results", cols);
    }

    /**
     * The rows of several tables stacked in order, under the union of their columns (in order of first
     * appearance); a column a table lacks is missing in its rows. A column must have one type in all.
     */
    public static Table combine(List<Table> tables) {
        if (tables.isEmpty()) throw new IllegalArgumentException("combine needs at least one table");
        Map<String, Column<?>> out = new LinkedHashMap<>();
        for (Table t : tables)
            for (Column<?> c : t.columns()) {
                Column<?> o = out.computeIfAbsent(c.name(), k -> c.emptyCopy());
                if (!o.type().equals(c.type()))
                    throw new IllegalArgumentException("column '" + c.name() + "' is " + o.type() + " in one table and " + c.type()
                            + " in table '" + t.name() + "'");
            }
        for (Table t : tables)
            for (Column<?> o : out.values()) {
                if (t.containsColumn(o.name())) appendAll(o, t.column(o.name()));
                else for (int r = 0; r < t.rowCount(); r++) o.appendMissing();
            }
        return Table.create("runs", new ArrayList<>(out.values()));
    }

    /** {@link #combine(List)} of these tables. */
    public static Table combine(Table... tables) {
        return combine(List.of(tables));
    }

    private static Table labelled(Table t, String setting, long seed) {
        if (setting == null || setting.isBlank()) throw new IllegalArgumentException("setting must not be blank, got '" + setting + "'");
        StringColumn s = StringColumn.create("setting");
        LongColumn k = LongColumn.create("seed");
        for (int r = 0; r < t.rowCount(); r++) {
            s.append(setting);
            k.append(seed);
        }
        List<Column<?>> cols = new ArrayList<>(List.of(s, k));
        cols.addAll(t.columns());
        return Table.create(setting, cols);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void appendAll(Column into, Column from) {
        into.append(from);
    }

    private static List<CSVRecord> parse(Path f, List<String> header) throws IOException {
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            header.addAll(p.getHeaderNames());
            return p.getRecords();
        }
    }

    /** Appends one CSV cell: empty or NaN is missing; a cell that is not a number names the file and line. */
    private static void cell(Column<?> c, String v, Path f, CSVRecord r) {
        if (c instanceof StringColumn s) {
            s.append(v);
            return;
        }
        if (v.isEmpty() || v.equals("NaN")) {
            c.appendMissing();
            return;
        }
        try {
            if (c instanceof IntColumn i) i.append(Integer.parseInt(v));
            else if (c instanceof LongColumn l) l.append(Long.parseLong(v));
            else ((DoubleColumn) c).append(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(f + " line " + (r.getRecordNumber() + 1) + ", column " + c.name()
                    + ": '" + v + "' is not a number");
        }
    }
}

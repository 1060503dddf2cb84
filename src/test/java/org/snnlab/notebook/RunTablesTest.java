package org.snnlab.notebook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.train.EpochMetrics;
import org.snnlab.train.MetricsCsv;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RunTables / RunSummaries on small metrics.csv and results.csv files with hand-checked numbers.
 * Four runs of three epochs, settings "step" (seeds 1, 2) then "cosine" (seeds 1, 2), test accuracy
 * <pre>
 *   step   1: 0.50 0.60 0.70     final 0.70  best 0.70 @2   never >= 0.75
 *   step   2: 0.55 0.80 0.75     final 0.75  best 0.80 @1   >= 0.75 at epoch 1
 *   cosine 1: 0.60 0.70 0.90     final 0.90  best 0.90 @2   >= 0.75 at epoch 2
 *   cosine 2: 0.65 0.85 0.80     final 0.80  best 0.85 @1   >= 0.75 at epoch 1
 * </pre>
 * epoch seconds 1.5, 2.0, 2.5 (so 3.5 s through epoch 1, 6.0 s through epoch 2). Final accuracy:
 * step mean (0.70 + 0.75) / 2 = 0.725, sample std sqrt(2 * 0.025^2 / 1) = 0.025 sqrt 2; cosine mean
 * 0.85, std 0.05 sqrt 2.
 */
class RunTablesTest {
    private static final String HEADER = "epoch,iteration,lr,train_loss,train_acc,test_loss,test_acc,epoch_seconds,"
            + "spike_rate.3_Lif,dead_fraction.3_Lif,weight_change.0_Conv2d.weight,energy_j,co2_kg";
    private static final double[] SECONDS = {1.5, 2.0, 2.5};
    private static final double SQRT2 = Math.sqrt(2);

    @TempDir
    Path dir;

    private Path write(String name, double[] acc, double spikeRate) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (int e = 0; e < acc.length; e++)
            sb.append(e).append(',').append(10 * (e + 1)).append(",0.001,0.2,0.5,").append(e == 0 ? "NaN" : "0.3").append(',')
                    .append(acc[e]).append(',').append(SECONDS[e]).append(',').append(spikeRate + e).append(",0.25,0.05,12.0,1.0E-6\n");
        Path run = dir.resolve(name);
        Files.createDirectories(run);
        return Files.writeString(run.resolve("metrics.csv"), sb.toString());
    }

    private Table fourRuns() throws IOException {
        return RunTables.combine(
                RunTables.run(write("step-1", new double[]{0.50, 0.60, 0.70}, 0.1), "step", 1),
                RunTables.run(write("step-2", new double[]{0.55, 0.80, 0.75}, 0.2), "step", 2),
                RunTables.run(write("cosine-1", new double[]{0.60, 0.70, 0.90}, 0.3), "cosine", 1),
                RunTables.run(write("cosine-2", new double[]{0.65, 0.85, 0.80}, 0.4).getParent(), "cosine", 2)); // a run folder
    }

    @Test
    void aMetricsFileBecomesTypedColumnsWithNanMissing() throws IOException {
        Table t = RunTables.metrics(write("one", new double[]{0.5, 0.6}, 0.1));
        assertEquals("one", t.name());
        assertEquals(List.of(HEADER.split(",")), t.columnNames());
        assertEquals(ColumnType.INTEGER, t.column("epoch").type());
        assertEquals(ColumnType.LONG, t.column("iteration").type());
        assertEquals(ColumnType.DOUBLE, t.column("test_acc").type());
        assertEquals(2, t.rowCount());
        assertEquals(20L, t.longColumn("iteration").get(1));
        assertTrue(t.column("test_loss").isMissing(0), "NaN is missing");
        assertEquals(0.3, t.doubleColumn("test_loss").getDouble(1));
        assertEquals(1.1, t.doubleColumn("spike_rate.3_Lif").getDouble(1), 1e-15);
        Table r = RunTables.run(dir.resolve("one"), "fp", 7);
        assertEquals(List.of("setting", "seed", "epoch"), r.columnNames().subList(0, 3));
        assertEquals("fp", r.stringColumn("setting").get(1));
        assertEquals(7L, r.longColumn("seed").get(1));
    }

    @Test
    void badFilesAreNamed() throws IOException {
        Path notMetrics = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunTables.metrics(notMetrics)).getMessage().contains("x.csv"));
        Path bad = Files.writeString(dir.resolve("bad.csv"), "epoch,iteration,lr\n0,5,fast\n");
        String m = assertThrows(IllegalArgumentException.class, () -> RunTables.metrics(bad)).getMessage();
        assertTrue(m.contains("bad.csv") && m.contains("line 2") && m.contains("'fast'") && m.contains("lr"), m);
        assertThrows(IllegalArgumentException.class, () -> RunTables.results(notMetrics));
        assertThrows(IllegalArgumentException.class, () -> RunTables.run(dir.resolve("x.csv"), " ", 1));
    }

    @Test
    void finalAndBestEpochsPerRunAndTheirMeanAndSampleStdBySettingInOrderOfAppearance() throws IOException {
        Table runs = fourRuns();
        assertEquals(12, runs.rowCount());
        Table fin = RunSummaries.finalEpochs(runs);
        assertEquals(List.of(2, 2, 2, 2), fin.intColumn("epoch").asList());
        assertEquals(List.of(0.70, 0.75, 0.90, 0.80), fin.doubleColumn("test_acc").asList());
        Table s = RunSummaries.meanStd(fin, "test_acc");
        assertEquals(List.of("setting", "n", "mean", "std"), s.columnNames());
        assertEquals(List.of("step", "cosine"), s.stringColumn("setting").asList(), "first appearance, not alphabetical");
        assertEquals(2, s.intColumn("n").getInt(0));
        assertEquals(0.725, s.doubleColumn("mean").getDouble(0), 1e-12);
        assertEquals(0.025 * SQRT2, s.doubleColumn("std").getDouble(0), 1e-12, "sample std (n - 1), not 0.025");
        assertEquals(0.85, s.doubleColumn("mean").getDouble(1), 1e-12);
        assertEquals(0.05 * SQRT2, s.doubleColumn("std").getDouble(1), 1e-12);

        Table best = RunSummaries.bestEpochs(runs, "test_acc");
        assertEquals(List.of(2, 1, 2, 1), best.intColumn("epoch").asList());
        assertEquals(List.of(0.70, 0.80, 0.90, 0.85), best.doubleColumn("test_acc").asList());
        Table b = RunSummaries.meanStd(best, "test_acc");
        assertEquals(0.75, b.doubleColumn("mean").getDouble(0), 1e-12);
        assertEquals(0.05 * SQRT2, b.doubleColumn("std").getDouble(0), 1e-12);
        assertEquals(0.875, b.doubleColumn("mean").getDouble(1), 1e-12);
    }

    @Test
    void theBestEpochIgnoresMissingValuesAndTiesGoToTheEarlierEpoch() throws IOException {
        Table t = RunTables.run(write("tie", new double[]{0.6, 0.6, 0.5}, 0.1), "a", 1);
        assertEquals(0, RunSummaries.bestEpochs(t, "test_acc").intColumn("epoch").getInt(0));
        Table loss = RunSummaries.bestEpochs(t, "test_loss");
        assertEquals(1, loss.intColumn("epoch").getInt(0), "epoch 0's NaN never wins");
        Table single = RunTables.metrics(dir.resolve("tie"));
        assertEquals(1, RunSummaries.finalEpochs(single).rowCount(), "no setting/seed columns: one run");
        Table f = RunSummaries.firstEpochReaching(single, "test_acc", 0.55);
        assertEquals(List.of("epoch", "epochs", "seconds"), f.columnNames());
        assertEquals(0, f.intColumn("epoch").getInt(0));
        assertEquals(1.5, f.doubleColumn("seconds").getDouble(0));
    }

    @Test
    void firstEpochReachingATargetWithTheSecondsUntilThen() throws IOException {
        Table f = RunSummaries.firstEpochReaching(fourRuns(), "test_acc", 0.75);
        assertEquals(List.of("setting", "seed", "epoch", "epochs", "seconds"), f.columnNames());
        assertEquals(4, f.rowCount());
        assertTrue(f.column("epoch").isMissing(0) && f.column("epochs").isMissing(0) && f.column("seconds").isMissing(0),
                "step seed 1 never reaches 0.75");
        assertEquals(List.of(1, 2, 1), f.intColumn("epoch").asList().subList(1, 4));
        assertEquals(List.of(2, 3, 2), f.intColumn("epochs").asList().subList(1, 4));
        assertEquals(3.5, f.doubleColumn("seconds").getDouble(1));
        assertEquals(6.0, f.doubleColumn("seconds").getDouble(2));
        assertEquals(3.5, f.doubleColumn("seconds").getDouble(3));
        String html = HtmlTable.of(f).toHtml();
        assertFalse(html.contains("null") || html.contains("NaN"), "missing cells are blank: " + html);
    }

    @Test
    void perLayerColumnsBecomeALongTable() throws IOException {
        Table last = RunSummaries.perLayer(RunSummaries.finalEpochs(fourRuns()));
        assertEquals(List.of("setting", "seed", "epoch", "metric", "layer", "value"), last.columnNames());
        assertEquals(4 * 3, last.rowCount());
        assertEquals(List.of("spike_rate", "dead_fraction", "weight_change"), last.stringColumn("metric").asList().subList(0, 3));
        assertEquals(List.of("3_Lif", "3_Lif", "0_Conv2d.weight"), last.stringColumn("layer").asList().subList(0, 3),
                "the first dot splits the metric from the layer or parameter");
        assertEquals(2.1, last.doubleColumn("value").getDouble(0), 1e-12, "step seed 1, epoch 2: 0.1 + 2");
        Table s = RunSummaries.meanStdBy(last, "value", "setting", "metric", "layer");
        assertEquals(6, s.rowCount());
        assertEquals("step", s.stringColumn("setting").get(0));
        assertEquals("spike_rate", s.stringColumn("metric").get(0));
        assertEquals(2.15, s.doubleColumn("mean").getDouble(0), 1e-12, "(2.1 + 2.2) / 2");
        assertEquals(0.05 * SQRT2, s.doubleColumn("std").getDouble(0), 1e-12);
        assertEquals(0.25, s.doubleColumn("mean").getDouble(1), 1e-12);
        assertEquals(0.0, s.doubleColumn("std").getDouble(1), 1e-12);
    }

    @Test
    void combiningRunsOfDifferentNetworksTakesTheUnionOfTheirColumns() throws IOException {
        Path fc = Files.writeString(dir.resolve("fc.csv"), "epoch,iteration,test_acc,spike_rate.1_Lif\n0,3,0.4,0.2\n");
        Table t = RunTables.combine(RunTables.run(write("conv", new double[]{0.5}, 0.1), "conv", 1), RunTables.run(fc, "fc", 1));
        assertEquals(2, t.rowCount());
        assertTrue(t.column("spike_rate.3_Lif").isMissing(1) && t.column("spike_rate.1_Lif").isMissing(0));
        assertEquals(List.of("conv", "fc"), t.stringColumn("setting").asList());
        assertEquals(2, RunSummaries.perLayer(t).where(RunSummaries.perLayer(t).stringColumn("metric").isEqualTo("spike_rate")).rowCount());
        Table wrongType = Table.create("w", tech.tablesaw.api.StringColumn.create("epoch", "zero"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunTables.combine(t, wrongType)).getMessage().contains("epoch"));
    }

    @Test
    void anInMemoryHistoryEqualsTheMetricsFileTheTrainerWrites() throws IOException {
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            Map<String, Double> extra = new LinkedHashMap<>();
            extra.put("spike_rate.2_Lif", 0.1 * (e + 1) / 3);
            extra.put("energy_j", 1.0 / 7 * e);
            rows.add(new EpochMetrics(e, 5L * (e + 1), 0.001 / (e + 1), 0.3 - 0.01 * e, 0.5 + e / 9.0, Double.NaN, 0.4 + e / 11.0, 1.25, extra));
        }
        MetricsCsv csv = new MetricsCsv(dir.resolve("trained/metrics.csv"));
        Files.createDirectories(dir.resolve("trained"));
        for (EpochMetrics m : rows) csv.append(m);
        Table fromFile = RunTables.run(csv.file(), "x", 3), fromMemory = RunTables.history(rows, "x", 3);
        assertEquals(fromFile.columnNames(), fromMemory.columnNames());
        for (String c : fromFile.columnNames())
            for (int r = 0; r < 3; r++) assertEquals(fromFile.column(c).getString(r), fromMemory.column(c).getString(r), c + " row " + r);
        assertTrue(fromMemory.column("test_loss").isMissing(0));
    }

    @Test
    void aSweepsResultsTableGroupsByItsGridParameters() throws IOException {
        Files.writeString(dir.resolve("results.csv"), """
                trial,policy,vth,seed,status,final_test_acc,best_test_acc,epochs,epochs_to_stability,seconds,seconds_to_stability,energy_j,co2_g,energy_method
                t1,cosine,0.4,1,ok,0.8,0.85,10,4,100.0,40.0,5.0,0.001,tdp
                t2,step,0.4,1,ok,0.7,0.75,10,6,90.0,54.0,4.5,0.0009,tdp
                t3,cosine,0.4,2,ok,0.9,0.9,10,-1,110.0,NaN,5.5,0.0011,tdp
                """);
        Table t = RunTables.results(dir);
        assertEquals(ColumnType.STRING, t.column("vth").type(), "grid values stay as written");
        assertEquals(ColumnType.LONG, t.column("seed").type());
        assertEquals(ColumnType.INTEGER, t.column("epochs_to_stability").type());
        assertEquals(ColumnType.STRING, t.column("energy_method").type());
        assertTrue(t.column("seconds_to_stability").isMissing(2));
        Table s = RunSummaries.meanStdBy(t, "final_test_acc", "policy", "vth");
        assertEquals(List.of("policy", "vth", "n", "mean", "std"), s.columnNames());
        assertEquals(List.of("cosine", "step"), s.stringColumn("policy").asList());
        assertEquals(0.85, s.doubleColumn("mean").getDouble(0), 1e-12);
        assertEquals(0.05 * SQRT2, s.doubleColumn("std").getDouble(0), 1e-12);
        assertEquals(1, s.intColumn("n").getInt(1));
        Table stable = RunSummaries.meanStdBy(t, "seconds_to_stability", "policy");
        assertEquals(1, stable.intColumn("n").getInt(0), "n counts runs with a value: one cosine run never stabilised");
        assertEquals(40.0, stable.doubleColumn("mean").getDouble(0), 1e-12, "the missing value is left out");
        assertEquals(0.0, s.doubleColumn("std").getDouble(1), "a single run: 0");
        assertThrows(IllegalArgumentException.class, () -> RunSummaries.meanStd(t, "status"));
        assertThrows(IllegalArgumentException.class, () -> RunSummaries.meanStd(t, "nope"));
    }

    @Test
    void displayShowsATableHeadless() throws IOException {
        System.setProperty("snnlab.figures", "target/display-test");
        String file = Display.table(RunSummaries.meanStd(RunSummaries.finalEpochs(fourRuns()), "test_acc"));
        String html = Files.readString(Path.of(file));
        assertTrue(file.contains("test_acc") && html.contains("0.7250") && html.contains("cosine"), file + ": " + html);
    }
}

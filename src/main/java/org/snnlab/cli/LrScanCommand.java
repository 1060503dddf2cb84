package org.snnlab.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.snnlab.sweep.Grid;
import org.snnlab.sweep.LocalExecutor;
import org.snnlab.sweep.Trial;
import org.snnlab.sweep.TrialResult;
import org.snnlab.sweep.TrialStore;
import org.snnlab.train.LrRangeScan;
import org.snnlab.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code snnlab lr-scan}: FastSpiker's learning-rate range scan (Smith 2017): one constant-LR training
 * run per rate on a log grid (default 1e-6 .. 1e-1), test accuracy per epoch per rate in
 * {@code scan.csv}; a run whose loss or weights become NaN/Inf is recorded as diverged. The suggested
 * range ({@link LrRangeScan#suggest}) spans the rates whose best accuracy is within
 * {@code --tolerance} of the best. Each rate is a sweep trial, so a re-run skips finished rates.
 */
@Command(name = "lr-scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Constant-LR range scan over a log grid; re-running skips finished rates (last stdout line: JSON).",
                "Every other option is a train option applied to all runs, e.g. --model carsnn --dataset nfashion-emulated --epochs 5."})
public final class LrScanCommand implements Callable<Integer> {
    @Option(names = "--min", defaultValue = "1e-6", description = "lowest rate") double min;
    @Option(names = "--max", defaultValue = "1e-1", description = "highest rate") double max;
    @Option(names = "--points", defaultValue = "6", description = "rates on the log grid (>= 2; 6 = one per decade)") int points;
    @Option(names = "--tolerance", defaultValue = "2", description = "suggested range: best accuracy within this many points of the best") double tolerance;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--out", defaultValue = "runs/lr-scan", description = "scan folder (trials/, scan.csv, results.csv)") Path out;
    @Mixin ExecutorOptions exec = new ExecutorOptions();
    @Unmatched List<String> trainArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        exec.check();
        if (!(tolerance >= 0)) throw new IllegalArgumentException("--tolerance must be >= 0 points, got " + tolerance);
        if (!(min > 0 && max > min)) throw new IllegalArgumentException("need 0 < --min < --max, got " + min + " and " + max);
        if (points < 2) throw new IllegalArgumentException("--points must be >= 2, got " + points);
        double[] lrs = LrRangeScan.logGrid(min, max, points);
        Map<String, String> fixed = TrainTrials.fixedOptions(trainArgs);
        for (String o : List.of("--lr", "--schedule"))
            if (fixed.containsKey(o)) throw new IllegalArgumentException(o + " is set by lr-scan (constant rates from --min to --max)");
        fixed.put("--schedule", "constant");
        List<String> values = new ArrayList<>();
        for (double lr : lrs) values.add(format(lr));
        Grid grid = new Grid(Map.of("lr", values));
        List<Trial> trials = SweepSupport.validate(grid.trials(List.of(seed), fixed));
        SweepSupport.describe(out, "lr-scan", grid.params(), List.of(seed), fixed, trials.size());
        ScanCsv scanCsv = new ScanCsv(out.resolve("scan.csv"));
        TrialStore store = new TrialStore(out);
        List<LocalExecutor.Outcome> already = new ArrayList<>();
        for (Trial t : trials) store.done(t).ifPresent(r -> already.add(new LocalExecutor.Outcome(t, r, null, true)));
        scanCsv.rewrite(already); // the rates finished before; the others are appended as they finish
        SweepProgress progress = new SweepProgress(System.err, "lr-scan", scanCsv::add);
        List<LocalExecutor.Outcome> outcomes = SweepSupport.run(trials, List.of("lr"), out, exec, progress, System.err, "lr-scan");
        List<LrRangeScan.Point> pts = new ArrayList<>();
        for (LocalExecutor.Outcome o : outcomes) if (!o.failed()) pts.add(point(o));
        pts.sort(Comparator.comparingDouble(LrRangeScan.Point::lr));
        scanCsv.rewrite(outcomes);
        LrRangeScan.Result res = LrRangeScan.suggest(pts, tolerance / 100);
        for (LrRangeScan.Point p : pts)
            System.out.println(p.diverged() ? String.format(Locale.ROOT, "lr %.3g: diverged (%s)", p.lr(), p.reason())
                    : String.format(Locale.ROOT, "lr %.3g: test accuracy per epoch %s, best %.4f", p.lr(), curve(p.testAccuracy()), p.best()));
        System.out.println(Double.isNaN(res.low()) ? "suggested range: none (no run converged)"
                : String.format(Locale.ROOT, "suggested range: %.3g .. %.3g (best accuracy within %.3g points of the best run's)", res.low(), res.high(), tolerance));
        Map<String, Object> json = new LinkedHashMap<>(SweepSupport.counts(outcomes));
        json.put("suggested_low", res.low());
        json.put("suggested_high", res.high());
        json.put("scan", out.resolve("scan.csv").toString());
        System.out.println(Json.compact(json));
        long failed = outcomes.stream().filter(LocalExecutor.Outcome::failed).count();
        if (failed > 0) System.err.println("snnlab: " + failed + " run(s) failed (see their log.txt); re-run the same command to retry them");
        return failed > 0 ? 1 : 0;
    }

    /** A rate with 4 significant digits, as the grid value (and folder hash) of its trial. */
    static String format(double lr) {
        return new BigDecimal(lr).round(new MathContext(4)).stripTrailingZeros().toString();
    }

    private static LrRangeScan.Point point(LocalExecutor.Outcome o) {
        double lr = Double.parseDouble(o.trial().params().get("lr"));
        TrialResult r = o.result();
        return new LrRangeScan.Point(lr, r.testAccPerEpoch(), r.status() == TrialResult.Status.DIVERGED, r.message());
    }

    private static String curve(List<Double> acc) {
        StringBuilder b = new StringBuilder("[");
        for (double a : acc) b.append(b.length() > 1 ? " " : "").append(String.format(Locale.ROOT, "%.4f", a));
        return b.append(']').toString();
    }

    /**
     * {@code scan.csv}: {@code lr, epoch, test_acc, diverged, reason}, one row per epoch of each run
     * (one row with an empty epoch for a run that diverged before finishing one), appended as runs
     * finish and rewritten sorted by rate at the end.
     */
    static final class ScanCsv {
        private final Path file;

        ScanCsv(Path file) { this.file = file; }

        synchronized void add(Trial t, TrialResult r) {
            try {
                boolean fresh = !Files.exists(file);
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND); CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
                    if (fresh) p.printRecord("lr", "epoch", "test_acc", "diverged", "reason");
                    rows(p, t, r);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(file + ": not writable", e);
            }
        }

        synchronized void rewrite(List<LocalExecutor.Outcome> outcomes) throws IOException {
            Files.createDirectories(file.toAbsolutePath().getParent());
            List<LocalExecutor.Outcome> done = new ArrayList<>(outcomes.stream().filter(o -> !o.failed()).toList());
            done.sort(Comparator.comparingDouble(o -> Double.parseDouble(o.trial().params().get("lr"))));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
                p.printRecord("lr", "epoch", "test_acc", "diverged", "reason");
                for (LocalExecutor.Outcome o : done) rows(p, o.trial(), o.result());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        private static void rows(CSVPrinter p, Trial t, TrialResult r) throws IOException {
            boolean div = r.status() == TrialResult.Status.DIVERGED;
            List<Double> acc = r.testAccPerEpoch();
            if (acc.isEmpty()) p.printRecord(t.params().get("lr"), "", "", div, r.message());
            for (int e = 0; e < acc.size(); e++) p.printRecord(t.params().get("lr"), e + 1, acc.get(e), div, div ? r.message() : "");
        }
    }
}

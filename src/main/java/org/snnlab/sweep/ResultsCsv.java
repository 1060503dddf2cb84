package org.snnlab.sweep;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sweep's results table, {@code results.csv}: one row per finished trial with its grid parameters,
 * seed, final and best test accuracy, epochs, epochs and seconds to stability, seconds, energy (J),
 * CO2 (g) and the energy method. Written incrementally: {@link #rewrite} at the start with the trials
 * already done, {@link #append} (flushed) as each trial finishes, so a killed sweep leaves a valid
 * table of everything finished. Accuracies are fractions; a never-stable run has -1 epochs to stability.
 */
public final class ResultsCsv {
    /** The columns after the trial id, the grid parameters and the seed. */
    public static final List<String> METRICS = List.of("status", "final_test_acc", "best_test_acc", "epochs",
            "epochs_to_stability", "seconds", "seconds_to_stability", "energy_j", "co2_g", "energy_method");
    private final Path file;
    private final List<String> params;

    /** @param params the grid's parameter names, in order (the columns after {@code trial}) */
    public ResultsCsv(Path file, List<String> params) {
        this.file = file;
        this.params = List.copyOf(params);
    }

    public Path file() { return file; }

    /** The header: trial, the parameters, seed, then {@link #METRICS}. */
    public List<String> header() {
        List<String> h = new ArrayList<>();
        h.add("trial");
        h.addAll(params);
        h.add("seed");
        h.addAll(METRICS);
        return h;
    }

    /** Replaces the file with a header and these rows (temp file, atomic rename). */
    public synchronized void rewrite(List<Trial> trials, List<TrialResult> results) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            p.printRecord(header());
            for (int i = 0; i < trials.size(); i++) p.printRecord(row(trials.get(i), results.get(i)));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Appends one row and flushes it (the header first if the file is new). */
    public synchronized void append(Trial t, TrialResult r) throws IOException {
        if (!Files.exists(file)) rewrite(List.of(), List.of());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            p.printRecord(row(t, r));
        }
    }

    List<String> row(Trial t, TrialResult r) {
        List<String> row = new ArrayList<>();
        row.add(t.id());
        for (String k : params) row.add(t.params().getOrDefault(k, ""));
        row.add(Long.toString(t.seed()));
        row.add(r.status().name().toLowerCase(Locale.ROOT));
        row.add(num(r.finalTestAcc()));
        row.add(num(r.bestTestAcc()));
        row.add(Integer.toString(r.epochs()));
        row.add(Integer.toString(r.epochsToStability()));
        row.add(num(r.seconds()));
        row.add(num(r.secondsToStability()));
        row.add(num(r.energyJ()));
        row.add(num(r.co2G()));
        row.add(r.energyMethod());
        return row;
    }

    static String num(double v) {
        return Double.isNaN(v) ? "NaN" : Double.toString(v);
    }
}

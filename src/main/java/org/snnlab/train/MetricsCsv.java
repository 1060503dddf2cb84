package org.snnlab.train;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.csv}: one row per epoch, appended and flushed as each epoch ends, so a crash loses at
 * most the epoch in flight. On resume the file is cut back to the epochs the checkpoint holds.
 */
public final class MetricsCsv {
    static final List<String> BASE = List.of("epoch", "iteration", "lr", "train_loss", "train_acc",
            "test_loss", "test_acc", "epoch_seconds");
    private final Path file;
    private List<String> header;

    public MetricsCsv(Path file) {
        this.file = file;
    }

    public Path file() { return file; }

    /** Reads the rows already in the file (for resume); empty when there is no file. */
    public List<EpochMetrics> read() throws IOException {
        List<EpochMetrics> rows = new ArrayList<>();
        if (!Files.exists(file)) return rows;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            header = p.getHeaderNames();
            for (CSVRecord rec : p) rows.add(parse(rec));
        }
        return rows;
    }

    private EpochMetrics parse(CSVRecord r) {
        Map<String, Double> extra = new LinkedHashMap<>();
        for (String h : header) if (!BASE.contains(h)) extra.put(h, Double.parseDouble(r.get(h)));
        return new EpochMetrics(Integer.parseInt(r.get("epoch")), Long.parseLong(r.get("iteration")),
                d(r, "lr"), d(r, "train_loss"), d(r, "train_acc"), d(r, "test_loss"), d(r, "test_acc"),
                d(r, "epoch_seconds"), extra);
    }

    private static double d(CSVRecord r, String k) {
        return Double.parseDouble(r.get(k));
    }

    /** Rewrites the file with exactly {@code rows} (used on resume to drop rows past the checkpoint). */
    public void rewrite(List<EpochMetrics> rows) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        header = null;
        MetricsCsv t = new MetricsCsv(tmp);
        for (EpochMetrics m : rows) t.append(m);
        if (rows.isEmpty()) Files.deleteIfExists(file);
        else Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        header = t.header;
    }

    /** Appends one row (writing the header first when the file is new) and flushes it to disk. */
    public void append(EpochMetrics m) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        if (fresh) {
            header = new ArrayList<>(BASE);
            header.addAll(m.extra().keySet());
        } else if (header == null) {
            read();
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            if (fresh) p.printRecord(header);
            List<Object> row = new ArrayList<>(List.of(m.epoch(), m.iteration(), m.lr(), m.trainLoss(), m.trainAcc(),
                    m.testLoss(), m.testAcc(), m.epochSeconds()));
            for (String h : header.subList(BASE.size(), header.size())) row.add(m.extra().getOrDefault(h, Double.NaN));
            p.printRecord(row);
        }
    }
}

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
 * most the epoch in flight. On resume ({@link #resume}) every row is parsed and checked against the
 * checkpoint: rows for exactly its epochs 0..n-1 (plus at most the row of the epoch in flight, which
 * is dropped), the last kept row's iteration equal to the checkpoint's, and the CRC32 of the kept bytes
 * equal to the one the checkpoint recorded; anything else is refused in one line naming the file, the
 * line and the field. Kept rows are written back byte for byte as they were read.
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

    /**
     * The rows of a run resumed from a checkpoint that has done {@code epochsDone} epochs after
     * {@code iteration} steps and recorded {@code crc} (-1: none) for the file: checks them as the class
     * comment says, cuts the file back to them (the original bytes) and returns them.
     *
     * @throws IOException one line naming the file, the line and the field of a malformed row, or what disagrees with the checkpoint
     */
    public List<EpochMetrics> resume(int epochsDone, long iteration, long crc, Path checkpoint) throws IOException {
        if (!Files.exists(file)) {
            if (epochsDone == 0) return new ArrayList<>();
            throw new IOException(file + " is missing, but " + checkpoint + " has done " + epochsDone + " epochs and does not"
                    + " store their rows, so they cannot be rebuilt: restore the file, or start again with --overwrite (or another --out)");
        }
        MetricsText t = MetricsText.parse(file);
        int n = t.rows().size();
        if (n < epochsDone || n > epochsDone + 1 || (t.cutLine() >= 0 && n != epochsDone))
            throw new IOException(file + " has rows for " + (n == 0 ? "no epochs" : "epochs 0.." + (n - 1))
                    + (t.cutLine() >= 0 ? " and line " + t.cutLine() + " cut short (no end of line)" : "") + ", but " + checkpoint
                    + " has done " + epochsDone + " epochs; they do not belong together: restore the file, or start again with --overwrite");
        List<EpochMetrics> kept = new ArrayList<>(t.rows().subList(0, epochsDone));
        if (epochsDone > 0 && kept.get(epochsDone - 1).iteration() != iteration)
            throw new IOException(file + " line " + (epochsDone + 1) + ": iteration " + kept.get(epochsDone - 1).iteration()
                    + ", but " + checkpoint + " was written after iteration " + iteration + "; the rows belong to another run");
        String text = t.text(epochsDone);
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(text.getBytes(StandardCharsets.UTF_8));
        if (crc >= 0 && c.getValue() != crc)
            throw new IOException(file + ": lines 1.." + (epochsDone + 1) + " are not what " + checkpoint + " recorded (crc32 "
                    + Long.toHexString(c.getValue()) + ", recorded " + Long.toHexString(crc) + "); the file was edited or corrupted");
        if (epochsDone == 0) Files.deleteIfExists(file);
        else if (!text.equals(t.whole())) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        header = epochsDone == 0 ? null : t.header();
        return kept;
    }

    /** CRC32 of the file's bytes now (-1 when there is no file): what a checkpoint records. */
    public long crc() throws IOException {
        if (!Files.exists(file)) return -1;
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(Files.readAllBytes(file));
        return c.getValue();
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

package org.snnlab.train;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of a {@code metrics.csv} as read, line by line: the header, each complete row parsed (epoch,
 * iteration and every other field a number) next to its original bytes, and a last line without an end
 * of line noted as cut. Every defect is one line naming the file, the line and the field.
 */
final class MetricsText {
    private static final long MAX_BYTES = 256L << 20;
    private final String whole;
    private final String headerLine;
    private final List<String> header;
    private final List<String> rawRows;
    private final List<EpochMetrics> rows;
    private final int cutLine;

    private MetricsText(String whole, String headerLine, List<String> header, List<String> rawRows, List<EpochMetrics> rows, int cutLine) {
        this.whole = whole;
        this.headerLine = headerLine;
        this.header = header;
        this.rawRows = rawRows;
        this.rows = rows;
        this.cutLine = cutLine;
    }

    static MetricsText parse(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) throw new IOException(file + ": " + size + " bytes, too large for a metrics.csv (at most " + MAX_BYTES + ")");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text (a metrics.csv is ASCII)");
        }
        List<String> lines = new ArrayList<>();
        int at = 0, cut = -1;
        while (at < text.length()) {
            int nl = text.indexOf('\n', at);
            if (nl < 0) {
                cut = lines.size() + 1;
                lines.add(text.substring(at));
                break;
            }
            lines.add(text.substring(at, nl + 1));
            at = nl + 1;
        }
        if (lines.isEmpty() || cut == 1) throw new IOException(file + ": no complete header line");
        List<String> header = fields(file, 1, lines.get(0));
        if (header.size() < MetricsCsv.BASE.size() || !header.subList(0, MetricsCsv.BASE.size()).equals(MetricsCsv.BASE))
            throw new IOException(file + " line 1: the header must start with " + String.join(",", MetricsCsv.BASE));
        List<String> raw = new ArrayList<>();
        List<EpochMetrics> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (i + 1 == cut) break; // the cut line is reported, not parsed
            rows.add(row(file, i + 1, header, fields(file, i + 1, lines.get(i)), rows.size()));
            raw.add(lines.get(i));
        }
        return new MetricsText(text, lines.get(0), header, raw, rows, cut);
    }

    private static List<String> fields(Path file, int line, String text) throws IOException {
        String s = text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (s.isBlank()) throw new IOException(file + " line " + line + " is empty");
        try (CSVParser p = CSVFormat.DEFAULT.parse(new StringReader(s))) {
            List<CSVRecord> r;
            try {
                r = p.getRecords();
            } catch (java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            if (r.size() != 1) throw new IOException(file + " line " + line + ": not one CSV record");
            return r.get(0).toList();
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " line " + line + ": not CSV (" + clip(String.valueOf(e.getMessage())) + ")");
        }
    }

    private static EpochMetrics row(Path file, int line, List<String> header, List<String> f, int index) throws IOException {
        if (f.size() != header.size())
            throw new IOException(file + " line " + line + " has " + f.size() + " fields, the header has " + header.size());
        double[] v = new double[f.size()];
        for (int i = 2; i < f.size(); i++) {
            try {
                v[i] = Double.parseDouble(f.get(i));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + line + ", field " + header.get(i) + ": '" + clip(f.get(i)) + "' is not a number");
            }
        }
        int epoch;
        long iteration;
        try {
            epoch = Integer.parseInt(f.get(0));
            iteration = Long.parseLong(f.get(1));
        } catch (NumberFormatException e) {
            throw new IOException(file + " line " + line + ", field epoch or iteration: '" + clip(f.get(0)) + "', '" + clip(f.get(1))
                    + "' are not whole numbers");
        }
        if (epoch != index)
            throw new IOException(file + " line " + line + ": epoch " + epoch + ", expected " + index + " (rows are epochs 0, 1, 2, ... in order)");
        Map<String, Double> extra = new LinkedHashMap<>();
        for (int i = MetricsCsv.BASE.size(); i < header.size(); i++) extra.put(header.get(i), v[i]);
        return new EpochMetrics(epoch, iteration, v[2], v[3], v[4], v[5], v[6], v[7], extra);
    }

    private static String clip(String s) {
        s = s.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    List<String> header() { return header; }

    List<EpochMetrics> rows() { return rows; }

    /** The 1-based number of the last line when it has no end of line, else -1. */
    int cutLine() { return cutLine; }

    String whole() { return whole; }

    /** The header and the first {@code n} rows exactly as read. */
    String text(int n) {
        StringBuilder b = new StringBuilder(headerLine);
        for (int i = 0; i < n; i++) b.append(rawRows.get(i));
        return b.toString();
    }
}

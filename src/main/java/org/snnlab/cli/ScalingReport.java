package org.snnlab.cli;

import org.knowm.xchart.XYChart;
import org.snnlab.notebook.ChartStyle;
import org.snnlab.notebook.Charts;
import org.snnlab.notebook.Figure;
import org.snnlab.notebook.Palette;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scaling grid's report ({@link ScalingBench}): per (model, width, batch, T, engine) the median
 * over rounds of ms per step and peak resident memory ({@code scaling-medians.csv}); per curve over T
 * the least-squares line {@code y = a + b T} of step time and of peak memory, {@code b} being the
 * cost of one extra time step ({@code scaling-growth.csv}); and two figures, time per step and peak
 * memory against T for both engines ({@code scaling-time.png/.svg}, {@code scaling-memory.png/.svg}).
 */
final class ScalingReport {
    static final List<String> COLUMNS = List.of("model", "hidden", "batch", "time_steps", "engine", "time_checkpoint", "round",
            "status", "ms_per_step", "samples_per_s", "ms_per_time_step", "peak_rss_mb", "heap_peak_mb", "offheap_peak_mb");

    private ScalingReport() { }

    static Map<String, Object> row(ScalingBench.Point p, int round, String status, Map<String, Object> json) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", p.model());
        r.put("hidden", p.hidden());
        r.put("batch", p.batch());
        r.put("time_steps", p.steps());
        r.put("engine", p.engineLabel());
        r.put("time_checkpoint", p.checkpoint());
        r.put("round", round);
        double ms = num(json.get("ms_per_step_median"));
        r.put("status", Double.isFinite(ms) ? status : status.equals("ok") ? "no result" : status);
        r.put("ms_per_step", ms);
        r.put("samples_per_s", num(json.get("samples_per_s")));
        r.put("ms_per_time_step", Math.round(ms / p.steps() * 1000) / 1000.0);
        r.put("peak_rss_mb", num(json.get("peak_rss_mb")));
        r.put("heap_peak_mb", num(json.get("heap_peak_mb")));
        r.put("offheap_peak_mb", num(json.get("offheap_peak_mb")));
        return r;
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static String csvLine(Map<String, Object> row) {
        List<String> f = new ArrayList<>();
        for (String c : COLUMNS) {
            Object v = row.get(c);
            f.add(v instanceof Double d && Double.isNaN(d) ? "" : String.valueOf(v));
        }
        return String.join(",", f);
    }

    private static final java.util.Set<String> TEXT = java.util.Set.of("model", "engine", "status"),
            WHOLE = java.util.Set.of("hidden", "batch", "time_steps", "time_checkpoint", "round");

    /** The rows of a {@code scaling.csv} written by {@link #csvLine} (an empty field reads as NaN). */
    static List<Map<String, Object>> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(String.join(",", COLUMNS)))
            throw new IllegalArgumentException(file + ": not a scaling.csv (header must be " + String.join(",", COLUMNS) + ")");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String[] f = lines.get(i).split(",", -1);
            if (f.length != COLUMNS.size()) throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected "
                    + COLUMNS.size() + " fields, got " + f.length);
            Map<String, Object> r = new LinkedHashMap<>();
            for (int c = 0; c < f.length; c++) {
                String k = COLUMNS.get(c);
                try {
                    r.put(k, TEXT.contains(k) ? f[c] : WHOLE.contains(k) ? (Object) Integer.parseInt(f[c])
                            : f[c].isEmpty() ? Double.NaN : Double.parseDouble(f[c]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": bad " + k + " '" + f[c] + "'");
                }
            }
            rows.add(r);
        }
        return rows;
    }

    /** A curve: one setting of one engine over T. */
    private record Curve(String setting, String engine) { }

    /** Medians, growth fits and figures into {@code out}; returns the summary (growth per curve, memory ratios at the largest T). */
    static Map<String, Object> write(List<Map<String, Object>> rows, Path out) throws IOException {
        Map<Curve, TreeMap<Integer, double[]>> curves = medians(rows);
        List<String> med = new ArrayList<>(List.of("setting,engine,time_steps,ms_per_step,ms_per_time_step,peak_rss_mb,rounds"));
        List<String> growth = new ArrayList<>(List.of("setting,engine,ms_per_extra_step,mb_per_extra_step,ms_intercept,mb_intercept,points"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("summary", true);
        summary.put("csv", out.resolve("scaling.csv").toString());
        List<Map<String, Object>> fits = new ArrayList<>();
        for (var e : curves.entrySet()) {
            Curve c = e.getKey();
            double[] t = new double[e.getValue().size()], ms = new double[t.length], mb = new double[t.length];
            int i = 0;
            for (var p : e.getValue().entrySet()) {
                t[i] = p.getKey();
                ms[i] = p.getValue()[0];
                mb[i] = p.getValue()[1];
                med.add(c.setting() + "," + c.engine() + "," + p.getKey() + "," + r3(ms[i]) + "," + r3(ms[i] / t[i]) + "," + r3(mb[i])
                        + "," + (int) p.getValue()[2]);
                i++;
            }
            double[] ft = fit(t, ms), fm = fit(t, mb);
            growth.add(c.setting() + "," + c.engine() + "," + r3(ft[1]) + "," + r3(fm[1]) + "," + r3(ft[0]) + "," + r3(fm[0]) + "," + t.length);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("setting", c.setting());
            f.put("engine", c.engine());
            f.put("ms_per_extra_step", r3(ft[1]));
            f.put("mb_per_extra_step", r3(fm[1]));
            f.put("largest_t", (int) t[t.length - 1]);
            f.put("ms_per_step_at_largest_t", r3(ms[ms.length - 1]));
            f.put("peak_rss_mb_at_largest_t", r3(mb[mb.length - 1]));
            fits.add(f);
        }
        summary.put("growth", fits);
        Files.write(out.resolve("scaling-medians.csv"), med, StandardCharsets.UTF_8);
        Files.write(out.resolve("scaling-growth.csv"), growth, StandardCharsets.UTF_8);
        figure(curves, 0, "Training step time vs T", "ms per step", out.resolve("scaling-time"));
        figure(curves, 1, "Peak resident memory vs T", "peak RSS (MiB)", out.resolve("scaling-memory"));
        return summary;
    }

    /** {curve -> T -> [median ms, median peak MB, rounds]} over the rows that finished. */
    private static Map<Curve, TreeMap<Integer, double[]>> medians(List<Map<String, Object>> rows) {
        Map<Curve, TreeMap<Integer, List<double[]>>> by = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            if (!"ok".equals(r.get("status"))) continue;
            String model = (String) r.get("model");
            int h = (Integer) r.get("hidden"), b = (Integer) r.get("batch");
            String setting = model + (model.equals("fc") ? " h" + h : "") + " B" + b;
            by.computeIfAbsent(new Curve(setting, (String) r.get("engine")), k -> new TreeMap<>())
                    .computeIfAbsent((Integer) r.get("time_steps"), k -> new ArrayList<>())
                    .add(new double[]{(Double) r.get("ms_per_step"), (Double) r.get("peak_rss_mb")});
        }
        Map<Curve, TreeMap<Integer, double[]>> out = new LinkedHashMap<>();
        for (var e : by.entrySet()) {
            TreeMap<Integer, double[]> m = new TreeMap<>();
            for (var p : e.getValue().entrySet()) {
                List<Double> ms = new ArrayList<>(), mb = new ArrayList<>();
                for (double[] v : p.getValue()) {
                    ms.add(v[0]);
                    mb.add(v[1]);
                }
                m.put(p.getKey(), new double[]{BenchCommand.median(ms), BenchCommand.median(mb), ms.size()});
            }
            out.put(e.getKey(), m);
        }
        return out;
    }

    /** Least squares {@code y = a + b x}: {@code [a, b]} ({@code b} = NaN with fewer than two points). */
    static double[] fit(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) return new double[]{n == 1 ? y[0] : Double.NaN, Double.NaN};
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double b = sxx == 0 ? Double.NaN : sxy / sxx;
        return new double[]{my - b * mx, b};
    }

    private static void figure(Map<Curve, TreeMap<Integer, double[]>> curves, int k, String title, String yTitle, Path base)
            throws IOException {
        XYChart chart = Charts.line(title, "time steps T", yTitle);
        List<String> engines = new ArrayList<>();
        for (Curve c : curves.keySet()) if (!engines.contains(c.engine())) engines.add(c.engine());
        Collections.sort(engines, (a, b) -> a.equals("pytorch") ? 1 : b.equals("pytorch") ? -1 : a.compareTo(b));
        Palette palette = Palette.of(engines);
        for (var e : curves.entrySet()) {
            double[] x = new double[e.getValue().size()], y = new double[x.length];
            int i = 0;
            for (var p : e.getValue().entrySet()) {
                x[i] = p.getKey();
                y[i++] = p.getValue()[k];
            }
            Charts.series(chart, palette, e.getKey().engine(), e.getKey().setting(), x, y);
        }
        Figure f = Figure.of(chart, ChartStyle.HOUSE);
        Files.write(Path.of(base + ".png"), f.pngBytes());
        Files.writeString(Path.of(base + ".svg"), f.svg(), StandardCharsets.UTF_8);
    }

    private static double r3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

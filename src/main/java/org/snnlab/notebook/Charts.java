package org.snnlab.notebook;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.train.EpochMetrics;
import tech.tablesaw.api.Table;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures for notebooks, all in the house style of {@link ChartStyle} (2x PNG and SVG, white, legend
 * inside the plot or below, no legend for one series, rotated category labels when they collide):
 * line and bar charts (XChart), mean +- std bands over seeds, histograms, spike rasters, membrane
 * traces and event frames, each shown through {@link Display} (inline in a kernel, files headless).
 * <p>Colours come from a notebook's {@link Palette}: {@code series(chart, palette, "setting", x, y)}
 * colours a curve by its setting, {@code series(chart, palette, "setting", "layer", x, y)} adds the
 * layer as marker and dash pattern (the legend then lists the settings' colours and the layers' line
 * styles once each), {@code band(...)} and {@code meanStd(...)} draw the mean over seeds with a
 * shaded +- one sample standard deviation.
 */
public final class Charts {
    private static final float LINE = 2f;
    private static final double BAND_ALPHA = 0.18, AREA_ALPHA = 0.35;

    private Charts() { }

    /** An empty line chart in the house style; add curves with {@link #series} or {@code chart.addSeries(name, x, y)}. */
    public static XYChart line(String title, String xTitle, String yTitle) {
        ChartStyle st = ChartStyle.HOUSE;
        XYChart c = new XYChartBuilder().width(st.width()).height(st.height()).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        st.apply(c.getStyler());
        return c;
    }

    /** An empty bar chart in the house style (several series over the same categories). */
    public static CategoryChart bars(String title, String xTitle, String yTitle) {
        ChartStyle st = ChartStyle.HOUSE;
        CategoryChart c = new CategoryChartBuilder().width(st.width()).height(st.height()).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        st.apply(c.getStyler());
        c.getStyler().setAvailableSpaceFill(0.7);
        return c;
    }

    /**
     * One bar per category, each in its palette colour (the same colour as the category's curves in
     * the notebook's other charts), no legend (the axis names the bars). {@code NaN} draws no bar.
     */
    public static CategoryChart categories(String title, String xTitle, String yTitle, Palette palette,
                                           List<String> names, List<? extends Number> values) {
        if (names.size() != values.size() || names.isEmpty())
            throw new IllegalArgumentException("need one value per category, got " + names.size() + " names and " + values.size() + " values");
        CategoryChart c = bars(title, xTitle, yTitle);
        c.getStyler().setStacked(true).setLegendVisible(false);
        for (int i = 0; i < names.size(); i++) { // one series per category, zero elsewhere: stacked, one coloured bar each
            List<Number> v = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                double x = values.get(j).doubleValue();
                v.add(i == j && Double.isFinite(x) ? x : 0.0);
            }
            c.addSeries(names.get(i), names, v).setFillColor(palette.color(names.get(i)));
        }
        return c;
    }

    /** A curve coloured by {@code name}'s palette colour: solid, markers up to {@link ChartStyle#MARKER_LIMIT} points. */
    public static XYSeries series(XYChart chart, Palette palette, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        Color c = palette.color(name);
        s.setLineColor(c).setLineStyle(new BasicStroke(LINE));
        s.setMarkerColor(c).setMarker(x.length > ChartStyle.MARKER_LIMIT ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        return s;
    }

    /**
     * A curve of {@code name} (colour) and {@code variant} (marker and dash, e.g. a layer), named
     * "name, variant". It stays out of the legend; instead the legend gets one entry per name (its
     * colour) and one per variant (its line style, in grey), so 3 settings x 3 layers read as 3 + 3
     * entries, not 9.
     */
    public static XYSeries series(XYChart chart, Palette palette, String name, String variant, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name + ", " + variant, x, y);
        Color c = palette.color(name);
        s.setLineColor(c).setLineStyle(palette.stroke(variant, LINE));
        s.setMarkerColor(c).setMarker(x.length > ChartStyle.MARKER_LIMIT ? SeriesMarkers.NONE : palette.marker(variant));
        s.setShowInLegend(false);
        double x0 = x.length > 0 ? x[0] : 0;
        if (chart.getSeries("colour of " + name) == null) { // colours first, then the styles: re-add the styles after it
            List<String> styles = new ArrayList<>();
            for (String v : palette.variants()) if (chart.removeSeries("style of " + v) != null) styles.add(v);
            XYSeries k = chart.addSeries("colour of " + name, new double[]{x0}, new double[]{Double.NaN});
            k.setLineColor(c).setLineStyle(new BasicStroke(LINE));
            k.setMarker(SeriesMarkers.NONE).setLabel(name);
            for (String v : styles) styleKey(chart, palette, v, x0);
        }
        if (chart.getSeries("style of " + variant) == null) styleKey(chart, palette, variant, x0);
        return s;
    }

    /** A legend-only entry (no visible point) for a variant's marker and dash, in grey. */
    private static void styleKey(XYChart chart, Palette palette, String variant, double x0) {
        XYSeries k = chart.addSeries("style of " + variant, new double[]{x0}, new double[]{Double.NaN});
        k.setLineColor(ChartStyle.AXIS).setLineStyle(palette.stroke(variant, LINE));
        k.setMarkerColor(ChartStyle.AXIS).setMarker(palette.marker(variant)).setLabel(variant);
    }

    /**
     * {@code mean} as a curve of {@code name}'s colour over a shaded band from {@code mean - std} to
     * {@code mean + std} (no band where every std is 0 or NaN, e.g. one seed). Returns the curve.
     */
    public static XYSeries band(XYChart chart, Palette palette, String name, double[] x, double[] mean, double[] std) {
        if (x.length != mean.length || x.length != std.length)
            throw new IllegalArgumentException("x, mean and std need one value per point, got " + x.length + ", " + mean.length + ", " + std.length);
        boolean any = false;
        for (double s : std) any |= Double.isFinite(s) && s != 0;
        if (any) {
            int n = x.length;
            double[] bx = new double[2 * n], by = new double[2 * n];
            for (int i = 0; i < n; i++) {
                double s = Double.isFinite(std[i]) ? Math.abs(std[i]) : 0;
                bx[i] = x[i];
                by[i] = mean[i] + s;
                bx[2 * n - 1 - i] = x[i];
                by[2 * n - 1 - i] = mean[i] - s;
            }
            XYSeries b = chart.addSeries("band of " + name, bx, by);
            b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            b.setFillColor(palette.color(name, BAND_ALPHA));
            b.setLineColor(palette.color(name, 0));
            b.setMarker(SeriesMarkers.NONE);
            b.setShowInLegend(false);
        }
        return series(chart, palette, name, x, mean);
    }

    /**
     * Mean +- std over seeds of {@code metric} x {@code scaleBy} per epoch, one band per setting, from
     * a table of runs ({@link RunTables#combine} of {@link RunTables#run} / {@link RunTables#history}
     * tables: columns {@code setting}, {@code epoch}, {@code metric}); x is the epoch count (epoch + 1),
     * statistics as {@link RunSummaries#meanStdBy} (sample std).
     */
    public static void meanStd(XYChart chart, Palette palette, Table runs, String metric, double scaleBy) {
        for (String col : List.of("setting", "epoch"))
            if (!runs.containsColumn(col)) throw new IllegalArgumentException("no column '" + col + "' in " + runs.columnNames());
        Table s = RunSummaries.meanStdBy(runs, metric, "setting", "epoch");
        Map<String, List<double[]>> by = new LinkedHashMap<>();
        for (int r = 0; r < s.rowCount(); r++)
            by.computeIfAbsent(s.stringColumn("setting").get(r), k -> new ArrayList<>())
                    .add(new double[]{s.intColumn("epoch").getInt(r) + 1, s.doubleColumn("mean").getDouble(r), s.doubleColumn("std").getDouble(r)});
        for (var e : by.entrySet()) {
            List<double[]> rows = new ArrayList<>(e.getValue());
            rows.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] x = new double[rows.size()], m = new double[x.length], sd = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = rows.get(i)[0];
                m[i] = scaleBy * rows.get(i)[1];
                sd[i] = scaleBy * rows.get(i)[2];
            }
            band(chart, palette, e.getKey(), x, m, sd);
        }
    }

    /**
     * {@link #meanStd(XYChart, Palette, Table, String, double)} over in-memory histories: for each
     * setting, one {@code TrainResult.history()} per seed; {@code metric} is a metrics.csv column
     * ({@code test_acc}, {@code train_loss}, {@code spike_rate.<layer>}, ...).
     */
    public static void meanStd(XYChart chart, Palette palette, Map<String, ? extends List<? extends List<EpochMetrics>>> histories,
                               String metric, double scaleBy) {
        List<Table> runs = new ArrayList<>();
        for (var e : histories.entrySet())
            for (int seed = 0; seed < e.getValue().size(); seed++) runs.add(RunTables.history(new ArrayList<>(e.getValue().get(seed)), e.getKey(), seed));
        if (runs.isEmpty()) throw new IllegalArgumentException("no histories to average");
        meanStd(chart, palette, RunTables.combine(runs), metric, scaleBy);
    }

    /**
     * Overlaid histograms of several samples over shared bins ({@code bins} equal-width bins over
     * the union's [min, max]), each a translucent area of its palette colour on a numeric axis.
     */
    public static XYChart histograms(String title, String xTitle, Palette palette, Map<String, double[]> samples, int bins) {
        if (bins < 1) throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        if (samples.isEmpty()) throw new IllegalArgumentException("a histogram needs at least one sample");
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (var e : samples.entrySet()) {
            if (e.getValue().length == 0) throw new IllegalArgumentException("sample '" + e.getKey() + "' is empty");
            for (double v : e.getValue()) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        }
        if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
        double width = (hi - lo) / bins;
        XYChart c = line(title, xTitle, "count");
        for (var e : samples.entrySet()) {
            double[] counts = new double[bins];
            for (double v : e.getValue()) counts[Math.max(0, Math.min(bins - 1, (int) ((v - lo) / width)))]++;
            double[] x = new double[2 * bins + 2], y = new double[x.length];
            x[0] = lo;
            for (int b = 0; b < bins; b++) {
                x[2 * b + 1] = lo + b * width; y[2 * b + 1] = counts[b];
                x[2 * b + 2] = lo + (b + 1) * width; y[2 * b + 2] = counts[b];
            }
            x[x.length - 1] = hi;
            XYSeries s = c.addSeries(e.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            s.setFillColor(palette.color(e.getKey(), samples.size() == 1 ? 0.75 : AREA_ALPHA));
            s.setLineColor(palette.color(e.getKey())).setLineStyle(new BasicStroke(1.2f));
            s.setMarker(SeriesMarkers.NONE);
        }
        double step = niceStep((hi - lo) / 8); // explicit round bounds: XChart then puts its ticks on round numbers
        c.getStyler().setYAxisMin(0.0).setXAxisMin(Math.floor(lo / step) * step).setXAxisMax(Math.ceil(hi / step) * step);
        return c;
    }

    /** The smallest 1, 2 or 5 x 10^k at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 5, 10}) if (m * p >= raw * (1 - 1e-9)) return m * p;
        return 10 * p;
    }

    /** Shows any XChart chart in the house style: 2x PNG and SVG ({@link Figure}) through {@link Display#figure}. */
    public static void show(Chart<?, ?> chart) {
        Display.figure(Figure.of(chart, ChartStyle.HOUSE));
    }

    /**
     * Spike raster: a dot for every spike of {@code spikes [T, N]} (time on x, neuron on y), as
     * snnTorch's spikeplot.raster.
     */
    public static void raster(INDArray spikes, String title) {
        if (spikes.rank() != 2) throw new IllegalArgumentException("raster needs [T, N] spikes, got shape "
                + java.util.Arrays.toString(spikes.shape()) + " (use raster(spikes, batchSize, b, title) for [T*B, N])");
        int T = (int) spikes.size(0), N = (int) spikes.size(1);
        XYChart c = line(title, "time step", "neuron index");
        double[] v = spikes.dup('c').reshape((long) T * N).toDoubleVector();
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int t = 0; t < T; t++) for (int n = 0; n < N; n++) if (v[t * N + n] != 0) { xs.add((double) t); ys.add((double) n); }
        if (xs.isEmpty()) { xs.add(0.0); ys.add(-1.0); }
        XYSeries s = c.addSeries("spikes", xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerColor(Color.BLACK).setMarker(SeriesMarkers.SQUARE);
        c.getStyler().setMarkerSize(3).setLegendVisible(false);
        show(c);
    }

    /**
     * Raster of example {@code b} of a multi-step batch {@code [T*B, N...]} (time-major rows: row
     * {@code t*B + b}, as {@code Seq} stores them); trailing dimensions are flattened into neurons.
     */
    public static void raster(INDArray spikesTB, int batchSize, int b, String title) {
        if (batchSize < 1 || b < 0 || b >= batchSize)
            throw new IllegalArgumentException("need 0 <= b < batchSize, got b=" + b + ", batchSize=" + batchSize);
        long rows = spikesTB.size(0);
        if (rows % batchSize != 0) throw new IllegalArgumentException(rows + " rows is not T*B for B=" + batchSize);
        int T = (int) (rows / batchSize);
        INDArray flat = spikesTB.reshape('c', rows, spikesTB.length() / rows);
        INDArray one = org.nd4j.linalg.factory.Nd4j.create(flat.dataType(), T, flat.size(1));
        for (int t = 0; t < T; t++) one.putRow(t, flat.getRow((long) t * batchSize + b));
        raster(one, title);
    }

    /** Membrane traces {@code [T, K]} with the threshold as a dashed grey line. */
    public static void membrane(INDArray mem, double threshold, String title) {
        int T = (int) mem.size(0), K = (int) mem.size(1);
        XYChart c = line(title, "time step", "membrane potential u[t]");
        double[] t = new double[T], th = new double[T];
        for (int i = 0; i < T; i++) { t[i] = i; th[i] = threshold; }
        Palette p = new Palette();
        for (int k = 0; k < K; k++) series(c, p, "neuron " + k, t, mem.getColumn(k).dup().toDoubleVector());
        XYSeries s = c.addSeries("threshold", t, th);
        s.setLineColor(ChartStyle.AXIS).setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{6f, 4f}, 0f));
        s.setMarker(SeriesMarkers.NONE);
        show(c);
    }

    /**
     * An event frame {@code [2, H, W]} (ON, OFF counts) or {@code [H, W]} as an image: ON red, OFF blue,
     * scaled up by {@code zoom}.
     */
    public static BufferedImage frameImage(INDArray frame, int zoom) {
        boolean two = frame.rank() == 3;
        int H = (int) frame.size(two ? 1 : 0), W = (int) frame.size(two ? 2 : 1);
        double max = Math.max(1e-9, frame.maxNumber().doubleValue());
        BufferedImage img = new BufferedImage(W * zoom, H * zoom, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                double on = (two ? frame.getDouble(0, y, x) : frame.getDouble(y, x)) / max;
                double off = two ? frame.getDouble(1, y, x) / max : on;
                int r = (int) (255 * Math.min(1, on)), b = (int) (255 * Math.min(1, off)), gr = two ? 0 : r;
                g.setColor(new Color(r, gr, b));
                g.fillRect(x * zoom, y * zoom, zoom, zoom);
            }
        g.dispose();
        return img;
    }

    /**
     * An animation of frames (e.g. the event frames of one sample over time) as a looping animated GIF
     * (JDK {@code javax.imageio}), shown as an HTML {@code <img>} with a data URI so every kernel and
     * the HTML report play it.
     */
    public static void animation(List<BufferedImage> frames, int delayMs, String name) {
        String b64 = java.util.Base64.getEncoder().encodeToString(Gif.encode(frames, delayMs));
        Display.html("<img alt=\"" + HtmlTable.esc(name) + "\" src=\"data:image/gif;base64," + b64 + "\">", name);
    }

    /** The frames side by side as an HTML strip of PNGs (a static alternative to {@link #animation}). */
    public static void strip(List<BufferedImage> frames, String name) {
        if (frames.isEmpty()) throw new IllegalArgumentException("a strip needs at least one frame");
        StringBuilder sb = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:4px\">");
        for (int i = 0; i < frames.size(); i++) {
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            try {
                javax.imageio.ImageIO.write(frames.get(i), "png", png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            sb.append("<figure style=\"margin:0;text-align:center\"><img alt=\"").append(HtmlTable.esc(name)).append(' ').append(i)
                    .append("\" src=\"data:image/png;base64,").append(java.util.Base64.getEncoder().encodeToString(png.toByteArray()))
                    .append("\"><figcaption style=\"font:10px monospace\">").append(i).append("</figcaption></figure>");
        }
        Display.html(sb.append("</div>").toString(), name);
    }

    /**
     * A histogram of {@code values} in {@code bins} equal-width bins over [min, max], on a numeric x
     * axis ({@link #histograms} of one sample: no legend).
     */
    public static void histogram(double[] values, int bins, String title, String xTitle) {
        if (values.length == 0) throw new IllegalArgumentException("a histogram needs at least one value");
        show(histograms(title, xTitle, new Palette(), Map.of("count", values), bins));
    }

    /** A histogram of every element of an array (e.g. a layer's weights). */
    public static void histogram(INDArray values, int bins, String title, String xTitle) {
        histogram(values.dup('c').reshape(values.length()).toDoubleVector(), bins, title, xTitle);
    }

    /** Shows an event frame or greyscale image. */
    public static void frame(INDArray frame, int zoom, String name) {
        Display.image(frameImage(frame, zoom), name);
    }
}

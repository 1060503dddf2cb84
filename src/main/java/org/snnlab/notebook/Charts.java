package org.snnlab.notebook;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Figures for notebooks: line and bar charts (XChart), spike rasters, membrane traces and event
 * frames, each shown through {@link Display} (inline in a kernel, PNG files headless).
 */
public final class Charts {
    private Charts() { }

    /** An empty line chart with titles; add series with {@code chart.addSeries(name, x, y)}. */
    public static XYChart line(String title, String xTitle, String yTitle) {
        return new XYChartBuilder().width(640).height(400).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    }

    /** A bar chart of one or more series over the same categories. */
    public static CategoryChart bars(String title, String xTitle, String yTitle) {
        return new CategoryChartBuilder().width(640).height(400).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    }

    /** Shows any XChart chart. */
    public static void show(Chart<?, ?> chart) {
        Display.image(BitmapEncoder.getBufferedImage(chart), chart.getTitle().isBlank() ? "chart" : chart.getTitle());
    }

    /**
     * Spike raster: a dot for every spike of {@code spikes [T, N]} (time on x, neuron on y), as
     * snnTorch's spikeplot.raster.
     */
    public static void raster(INDArray spikes, String title) {
        if (spikes.rank() != 2) throw new IllegalArgumentException("raster needs [T, N] spikes, got shape "
                + java.util.Arrays.toString(spikes.shape()) + " (use raster(spikes, batchSize, b, title) for [T*B, N])");
        int T = (int) spikes.size(0), N = (int) spikes.size(1);
        XYChart c = line(title, "time step", "neuron");
        double[] v = spikes.dup('c').reshape((long) T * N).toDoubleVector();
        List<Double> xs = new java.util.ArrayList<>(), ys = new java.util.ArrayList<>();
        for (int t = 0; t < T; t++) for (int n = 0; n < N; n++) if (v[t * N + n] != 0) { xs.add((double) t); ys.add((double) n); }
        if (xs.isEmpty()) { xs.add(0.0); ys.add(-1.0); }
        XYSeries s = c.addSeries("spikes", xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerColor(Color.BLACK);
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

    /** Membrane traces {@code [T, K]} with the threshold as a dashed line. */
    public static void membrane(INDArray mem, double threshold, String title) {
        int T = (int) mem.size(0), K = (int) mem.size(1);
        XYChart c = line(title, "time step", "membrane u[t]");
        double[] t = new double[T], th = new double[T];
        for (int i = 0; i < T; i++) { t[i] = i; th[i] = threshold; }
        for (int k = 0; k < K; k++) c.addSeries("neuron " + k, t, mem.getColumn(k).dup().toDoubleVector());
        c.addSeries("threshold", t, th).setLineStyle(new java.awt.BasicStroke(1f, 0, 0, 1f, new float[]{6f, 4f}, 0f));
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
     * A histogram of {@code values} in {@code bins} equal-width bins over [min, max] (bin centres on
     * x, counts on y).
     */
    public static void histogram(double[] values, int bins, String title, String xTitle) {
        if (bins < 1) throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        if (values.length == 0) throw new IllegalArgumentException("a histogram needs at least one value");
        double lo = java.util.Arrays.stream(values).min().getAsDouble(), hi = java.util.Arrays.stream(values).max().getAsDouble();
        double width = hi > lo ? (hi - lo) / bins : 1;
        double[] counts = new double[bins];
        for (double v : values) counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
        List<String> centres = new java.util.ArrayList<>();
        for (int b = 0; b < bins; b++) centres.add(String.format(java.util.Locale.ROOT, "%.3g", lo + (b + 0.5) * width));
        List<Double> ys = new java.util.ArrayList<>();
        for (double c : counts) ys.add(c);
        CategoryChart c = bars(title, xTitle, "count");
        c.getStyler().setAvailableSpaceFill(0.95).setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(bins > 12 ? 90 : 0);
        c.addSeries("count", centres, ys);
        show(c);
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

package org.snnlab.notebook;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a legend fits inside an XY chart's plot: the data (every point and 8 samples along every
 * segment between consecutive points, in axis coordinates, log10 on a logarithmic axis) is mapped to
 * an estimate of the plot rectangle, and each corner is scored by the samples a legend box of the
 * given size would cover (an area series also by samples down to 0). A corner qualifies when it covers at most 1% of the samples.
 */
final class Legends {
    private static final int SEGMENT_SAMPLES = 8;
    private static final double MAX_COVERED = 0.01;
    /** Estimated plot insets of a house-style chart: left (y ticks and title), right, top (title), bottom (x ticks and title). */
    private static final double LEFT = 75, RIGHT = 15, TOP = 40, BOTTOM = 60, PAD = 8;

    private Legends() { }

    /** The inside corner covering the fewest samples, or null when every corner covers too many. */
    static Styler.LegendPosition emptiestCorner(XYChart chart, double legendW, double legendH, int width, int height) {
        boolean logX = chart.getStyler().isXAxisLogarithmic(), logY = chart.getStyler().isYAxisLogarithmic();
        List<double[]> pts = new ArrayList<>();
        for (XYSeries s : chart.getSeriesCollection()) {
            if (!s.isEnabled()) continue;
            double[] x = s.getXData(), y = s.getYData();
            boolean area = s.getXYSeriesRenderStyle().orElse(null) == XYSeries.XYSeriesRenderStyle.Area; // filled down to 0
            for (int i = 0; i < x.length; i++) {
                add(pts, x[i], y[i], logX, logY);
                if (area) for (int k = 0; k < SEGMENT_SAMPLES; k++) add(pts, x[i], y[i] * k / SEGMENT_SAMPLES, logX, logY);
                if (i + 1 < x.length && !(s.getXYSeriesRenderStyle().orElse(null) == XYSeries.XYSeriesRenderStyle.Scatter))
                    for (int k = 1; k < SEGMENT_SAMPLES; k++) {
                        double f = k / (double) SEGMENT_SAMPLES;
                        add(pts, x[i] + f * (x[i + 1] - x[i]), y[i] + f * (y[i + 1] - y[i]), logX, logY);
                    }
            }
        }
        if (pts.isEmpty()) return Styler.LegendPosition.InsideNE;
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (double[] p : pts) {
            x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]); y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]);
        }
        double pw = width - LEFT - RIGHT, ph = height - TOP - BOTTOM;
        if (legendW + 2 * PAD > pw || legendH + 2 * PAD > ph) return null;
        Styler.LegendPosition best = null;
        int bestCount = Integer.MAX_VALUE;
        for (Styler.LegendPosition corner : List.of(Styler.LegendPosition.InsideNE, Styler.LegendPosition.InsideNW,
                Styler.LegendPosition.InsideSE, Styler.LegendPosition.InsideSW)) {
            boolean east = corner == Styler.LegendPosition.InsideNE || corner == Styler.LegendPosition.InsideSE;
            boolean north = corner == Styler.LegendPosition.InsideNE || corner == Styler.LegendPosition.InsideNW;
            double bx0 = east ? pw - PAD - legendW : PAD, by0 = north ? PAD : ph - PAD - legendH; // pixels from the plot's top left
            int count = 0;
            for (double[] p : pts) {
                double px = x1 > x0 ? (p[0] - x0) / (x1 - x0) * pw : pw / 2, py = y1 > y0 ? (y1 - p[1]) / (y1 - y0) * ph : ph / 2;
                if (px >= bx0 - PAD && px <= bx0 + legendW + PAD && py >= by0 - PAD && py <= by0 + legendH + PAD) count++;
            }
            if (count < bestCount) { bestCount = count; best = corner; }
        }
        return bestCount <= MAX_COVERED * pts.size() ? best : null;
    }

    private static void add(List<double[]> pts, double x, double y, boolean logX, boolean logY) {
        double a = logX ? Math.log10(x) : x, b = logY ? Math.log10(y) : y;
        if (Double.isFinite(a) && Double.isFinite(b)) pts.add(new double[]{a, b});
    }
}

package org.snnlab.notebook;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The house chart style every notebook figure is drawn in, and the rules applied when a chart is
 * shown ({@link #finish}). Logical size {@code width x height} (640 x 400), rendered at {@code scale}
 * (2x: 1280 x 800 PNG pixels) and as SVG; white background, light solid grid, no plot frame,
 * sans-serif fonts (title 15 pt bold, axis titles 13, ticks and legend 12).
 * <p>Rules at show time:
 * <ul>
 *   <li>at most one legend entry: no legend;</li>
 *   <li>legend position left at its house default (XChart's {@code OutsideE}, which the house style
 *       uses as "automatic"): an XY chart's legend goes into the plot corner that covers the fewest
 *       data points when one covers (almost) none, else below the plot, one row when it fits and
 *       one entry per row otherwise (the figure grows taller so the plot keeps its size); a
 *       category chart's legend goes below;</li>
 *   <li>category labels wider than their slot: rotated by 45 degrees (XChart 4.0.3's horizontal
 *       bar chart drops every other category label, so rotation is the rule here);</li>
 *   <li>a title wider than the plot (XChart centres it there): its font shrinks (down to 11 pt);</li>
 *   <li>XY series with more than {@value #MARKER_LIMIT} points and no marker of their own: no markers.</li>
 * </ul>
 *
 * @param width logical width in pixels (SVG user units)
 * @param height logical height in pixels
 * @param scale PNG pixels per logical pixel
 * @param font font family of every text
 */
public record ChartStyle(int width, int height, int scale, String font) {
    /** The house style: 640 x 400 at 2x, sans-serif. */
    public static final ChartStyle HOUSE = new ChartStyle(640, 400, 2, Font.SANS_SERIF);
    /** Above this many points an XY series is drawn without markers unless it was given one. */
    public static final int MARKER_LIMIT = 40;
    static final Color GRID = new Color(0xE3E3E3), TEXT = new Color(0x222222), AXIS = new Color(0x555555);
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final int LEGEND_PAD = 6, LEGEND_LINE = 24;

    public ChartStyle {
        if (width < 100 || height < 100) throw new IllegalArgumentException("a chart needs at least 100 x 100 pixels, got " + width + " x " + height);
        if (scale < 1 || scale > 4) throw new IllegalArgumentException("scale must be 1..4, got " + scale);
        if (font == null || font.isBlank()) throw new IllegalArgumentException("font family must not be blank");
    }

    Font title() {
        return new Font(font, Font.BOLD, 15);
    }

    Font axisTitle() {
        return new Font(font, Font.PLAIN, 13);
    }

    Font ticks() {
        return new Font(font, Font.PLAIN, 12);
    }

    Font legend() {
        return new Font(font, Font.PLAIN, 12);
    }

    /** Applies the house look to a new chart's styler. */
    void apply(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE).setPlotBorderVisible(false)
                .setChartFontColor(TEXT).setChartTitleFont(title()).setChartTitleBoxVisible(false).setChartPadding(10)
                .setLegendFont(legend()).setLegendBackgroundColor(new Color(255, 255, 255, 225)).setLegendBorderColor(GRID)
                .setLegendPadding(LEGEND_PAD).setLegendSeriesLineLength(LEGEND_LINE).setLegendPosition(Styler.LegendPosition.OutsideE)
                .setMarkerSize(6).setSeriesColors(Palette.COLORS.clone()).setAntiAlias(true).setTextAntiAlias(true);
        s.setAxisTitleFont(axisTitle()).setAxisTickLabelsFont(ticks()).setAxisTickLabelsColor(TEXT).setAxisTickMarksColor(AXIS)
                .setPlotGridLinesColor(GRID).setPlotGridLinesStroke(new BasicStroke(1f)).setAxisTitlePadding(6).setPlotMargin(4);
    }

    /**
     * Applies the show-time rules (class comment) and returns the logical height to render at (the
     * chart's height, plus the legend's when it goes below an XY chart).
     */
    int finish(Chart<?, ?> chart) {
        fitTitle(chart);
        List<String> entries = new ArrayList<>();
        for (Series s : chart.getSeriesCollection()) if (s.isShowInLegend() && s.isEnabled()) entries.add(s.getLabel());
        if (chart instanceof XYChart xy) for (XYSeries s : xy.getSeriesCollection())
            if (s.getMarker() == null && s.getXData().length > MARKER_LIMIT) s.setMarker(SeriesMarkers.NONE);
        if (chart instanceof CategoryChart c && c.getStyler().getXAxisLabelRotation() == 0 && labelsCollide(c))
            c.getStyler().setXAxisLabelRotation(45);
        Styler st = chart.getStyler();
        if (entries.size() <= 1) {
            st.setLegendVisible(false);
            return chart.getHeight();
        }
        if (st.getLegendPosition() != Styler.LegendPosition.OutsideE || !st.isLegendVisible()) return chart.getHeight();
        double[] box = legendBox(entries);
        if (chart instanceof XYChart xy) {
            Styler.LegendPosition corner = Legends.emptiestCorner(xy, box[0], box[1], width(chart), chart.getHeight());
            if (corner != null) {
                st.setLegendPosition(corner).setLegendLayout(Styler.LegendLayout.Vertical);
                return chart.getHeight();
            }
        }
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        double row = 0;
        for (String e : entries) row += textWidth(e, legend()) + LEGEND_LINE + 3 * LEGEND_PAD;
        if (row <= width(chart) - 2 * LEGEND_PAD) {
            st.setLegendLayout(Styler.LegendLayout.Horizontal);
            return chart.getHeight() + (int) Math.ceil(rowHeight() + 2 * LEGEND_PAD);
        }
        st.setLegendLayout(Styler.LegendLayout.Vertical);
        return chart.getHeight() + (int) Math.ceil(box[1]);
    }

    /** Whether the widest category label is wider than the space one category gets on the x axis. */
    boolean labelsCollide(CategoryChart c) {
        List<String> cats = new ArrayList<>();
        for (var s : c.getSeriesCollection()) for (Object o : s.getXData()) if (!cats.contains(String.valueOf(o))) cats.add(String.valueOf(o));
        if (cats.isEmpty()) return false;
        double widest = cats.stream().mapToDouble(t -> textWidth(t, ticks())).max().orElse(0);
        double slot = (width(c) - 90.0) / cats.size();
        return widest + 6 > slot;
    }

    /** The legend's logical width and height with one entry per row. */
    double[] legendBox(List<String> entries) {
        double w = 0;
        for (String e : entries) w = Math.max(w, textWidth(e, legend()));
        return new double[]{w + LEGEND_LINE + 3 * LEGEND_PAD, entries.size() * (rowHeight() + LEGEND_PAD) + LEGEND_PAD};
    }

    private double rowHeight() {
        return Math.max(legend().getLineMetrics("Ag", FRC).getHeight(), 8);
    }

    private void fitTitle(Chart<?, ?> chart) {
        String t = chart.getTitle();
        if (t == null || t.isBlank()) return;
        Font f = title();
        // XChart centres the title over the plot, which starts after the y axis: fit it in the plot's width
        while (f.getSize() > 11 && textWidth(t, f) > width(chart) - 110) f = f.deriveFont((float) (f.getSize() - 1));
        chart.getStyler().setChartTitleFont(f);
    }

    private static int width(Chart<?, ?> chart) {
        return chart.getWidth();
    }

    static double textWidth(String text, Font f) {
        return f.getStringBounds(text, FRC).getWidth();
    }
}

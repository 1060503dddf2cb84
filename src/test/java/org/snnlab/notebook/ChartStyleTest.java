package org.snnlab.notebook;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.snnlab.train.EpochMetrics;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The house style's rules that code can check: legends, colours per setting, label rotation, 2x PNG and SVG, bands. */
class ChartStyleTest {
    private static final double[] X = {1, 2, 3, 4, 5};

    private static double[] ramp(double a, double b) {
        double[] y = new double[X.length];
        for (int i = 0; i < y.length; i++) y[i] = a + b * i;
        return y;
    }

    @Test
    void oneSeriesHasNoLegendTwoHaveOne() {
        XYChart one = Charts.line("one", "epoch", "accuracy (%)");
        Charts.series(one, new Palette(), "only", X, ramp(0, 1));
        Figure.of(one, ChartStyle.HOUSE);
        assertFalse(one.getStyler().isLegendVisible(), "a single series carries no legend");

        XYChart two = Charts.line("two", "epoch", "accuracy (%)");
        Palette p = new Palette();
        Charts.series(two, p, "a", X, ramp(0, 1));
        Charts.series(two, p, "b", X, ramp(1, 1));
        Figure.of(two, ChartStyle.HOUSE);
        assertTrue(two.getStyler().isLegendVisible());

        XYChart band = Charts.line("band", "epoch", "accuracy (%)"); // a band and its mean line are one entry
        Charts.band(band, new Palette(), "mean", X, ramp(0, 1), ramp(0.5, 0));
        Figure.of(band, ChartStyle.HOUSE);
        assertFalse(band.getStyler().isLegendVisible());
    }

    @Test
    void theSameSettingHasTheSameColourInEveryChartOfAPalette() {
        Palette p = Palette.of("fixed thresholds (baseline)", "trainable");
        XYChart a = Charts.line("a", "epoch", "accuracy (%)"), b = Charts.line("b", "epoch", "dead neurons (%)");
        XYSeries fixedA = Charts.series(a, p, "fixed thresholds (baseline)", X, ramp(0, 1));
        XYSeries trainB = Charts.series(b, p, "trainable", "2_CubaLif", X, ramp(0, 1)); // the other setting first, with a layer
        XYSeries fixedB = Charts.series(b, p, "fixed thresholds (baseline)", "2_CubaLif", X, ramp(1, 1));
        assertEquals(fixedA.getLineColor(), fixedB.getLineColor());
        assertNotEquals(fixedB.getLineColor(), trainB.getLineColor());
        assertEquals(p.color("fixed thresholds (baseline)"), Palette.of("fixed thresholds (baseline)").color("fixed thresholds (baseline)"));
        // colours come from the palette object, not from a global registry: a fresh palette starts over
        Palette other = new Palette();
        assertEquals(other.color("trainable"), p.color("fixed thresholds (baseline)"));
        assertThrows(IllegalArgumentException.class, () -> Palette.of("x", "x"));
        assertThrows(IllegalArgumentException.class, () -> p.color(" "));
    }

    @Test
    void layersGetMarkersAndDashesAndTheLegendListsEachFactorOnce() {
        Palette p = Palette.of("fixed", "trainable");
        XYChart c = Charts.line("per layer", "epoch", "dead neurons (%)");
        for (String s : List.of("fixed", "trainable"))
            for (String layer : List.of("2_CubaLif", "4_CubaLif", "6_CubaLif")) Charts.series(c, p, s, layer, X, ramp(0, 1));
        XYSeries f2 = (XYSeries) c.getSeries("fixed, 2_CubaLif"), f4 = (XYSeries) c.getSeries("fixed, 4_CubaLif"), t4 = (XYSeries) c.getSeries("trainable, 4_CubaLif");
        assertEquals(f2.getLineColor(), f4.getLineColor());
        assertNotEquals(f2.getMarker().getClass(), f4.getMarker().getClass());
        assertEquals(f4.getMarker().getClass(), t4.getMarker().getClass());
        assertNotNull(f4.getLineStyle().getDashArray(), "the second layer is dashed");
        List<String> legend = new ArrayList<>();
        for (var s : c.getSeriesCollection()) if (s.isShowInLegend()) legend.add(s.getLabel());
        assertEquals(List.of("fixed", "trainable", "2_CubaLif", "4_CubaLif", "6_CubaLif"), legend, "colours first, then line styles");
    }

    @Test
    void longCategoryNamesAreRotatedShortOnesAreNot() {
        Palette p = new Palette();
        var longNames = List.of("step decay (baseline)", "exponential", "cosine warm restarts", "linear warm restarts",
                "triangular", "decreasing triangular", "one-cycle");
        var c = Charts.categories("epochs to stability", "policy", "epochs", p, longNames, List.of(1, 2, 3, 4, 5, 6, Double.NaN));
        Figure.of(c, ChartStyle.HOUSE);
        assertEquals(45, c.getStyler().getXAxisLabelRotation());
        assertFalse(c.getStyler().isLegendVisible(), "the axis names the bars");
        assertEquals(p.color("cosine warm restarts"), c.getSeries("cosine warm restarts").getFillColor(), "bars take the palette colour");
        var s = Charts.categories("short", "setting", "epochs", p, List.of("a", "b", "c"), List.of(1, 2, 3));
        Figure.of(s, ChartStyle.HOUSE);
        assertEquals(0, s.getStyler().getXAxisLabelRotation());
    }

    @Test
    void pngsAreAt2xAndAnSvgIsWrittenBesideThem() throws Exception {
        System.setProperty("snnlab.figures", "target/chart-style-test");
        XYChart c = Charts.line("accuracy", "epoch", "accuracy (%)");
        Palette p = new Palette();
        Charts.series(c, p, "a", X, ramp(0, 1));
        Charts.series(c, p, "b", X, ramp(1, 1));
        Figure f = Figure.of(c, ChartStyle.HOUSE);
        assertEquals(2 * f.width(), f.png().getWidth());
        assertEquals(2 * f.height(), f.png().getHeight());
        assertEquals(0xFFFFFF, f.png().getRGB(2, 2) & 0xFFFFFF, "white background");
        assertTrue(f.svg().contains("viewBox=\"0 0 640 " + f.height() + "\""), f.svg().substring(0, 300));
        assertTrue(f.svg().startsWith("<svg"), "no XML declaration (nbconvert refuses one inside a notebook)");
        Path png = Path.of(Display.figure(f));
        assertEquals(1280, javax.imageio.ImageIO.read(png.toFile()).getWidth());
        Path svg = Path.of(png.toString().replaceAll("\\.png$", ".svg"));
        assertTrue(Files.readString(svg).contains("<svg"), "SVG beside " + png);
    }

    @Test
    void legendsGoIntoAnEmptyCornerOrBelowTheLegendGrowingTheFigure() {
        XYChart rising = Charts.line("rising", "epoch", "accuracy (%)");
        Palette p = new Palette();
        Charts.series(rising, p, "a", X, ramp(0, 10));
        Charts.series(rising, p, "b", X, ramp(5, 10));
        Figure f = Figure.of(rising, ChartStyle.HOUSE);
        assertEquals(Styler.LegendPosition.InsideNW, rising.getStyler().getLegendPosition(), "rising curves leave the top left free");
        assertEquals(400, f.height());

        XYChart crowded = Charts.line("crowded", "epoch", "accuracy (%)");
        for (int i = 0; i < 10; i++) Charts.series(crowded, p, "a rather long setting name number " + i, X, ramp(i, i % 2 == 0 ? 1 : -1));
        Figure g = Figure.of(crowded, ChartStyle.HOUSE);
        assertEquals(Styler.LegendPosition.OutsideS, crowded.getStyler().getLegendPosition());
        assertTrue(g.height() > 400 && g.png().getHeight() == 2 * g.height(), "the figure grows by the legend: " + g.height());
    }

    @Test
    void bandsShadeMeanPlusMinusStdAndOneSeedDrawsNoBand() {
        Palette p = new Palette();
        XYChart c = Charts.line("bands", "epoch", "accuracy (%)");
        Charts.band(c, p, "a", X, ramp(10, 1), ramp(2, 0));
        XYSeries band = (XYSeries) c.getSeries("band of a");
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle().orElseThrow());
        assertEquals(12.0, band.getYData()[0], 1e-12);
        assertEquals(8.0, band.getYData()[band.getYData().length - 1], 1e-12, "the lower edge runs back to x[0]");
        assertFalse(band.isShowInLegend());
        Charts.band(c, p, "b", X, ramp(10, 1), new double[X.length]);
        assertNull(c.getSeries("band of b"), "no band without spread");
    }

    @Test
    void meanStdOverSeedsFromHistories() {
        Map<String, List<List<EpochMetrics>>> runs = new LinkedHashMap<>();
        runs.put("FP", List.of(history(0.5, 0.7), history(0.7, 0.9)));
        runs.put("4-bit", List.of(history(0.4, 0.6)));
        XYChart c = Charts.line("test accuracy: mean +- std over seeds", "epoch", "test accuracy (%)");
        Palette p = new Palette();
        Charts.meanStd(c, p, runs, "test_acc", 100);
        XYSeries fp = (XYSeries) c.getSeries("FP");
        assertArrayEquals(new double[]{1, 2}, fp.getXData(), 1e-12);
        assertArrayEquals(new double[]{60, 80}, fp.getYData(), 1e-9);
        XYSeries band = (XYSeries) c.getSeries("band of FP");
        assertEquals(60 + 100 * Math.sqrt(0.02), band.getYData()[0], 1e-9, "sample std of 0.5 and 0.7");
        assertNull(c.getSeries("band of 4-bit"), "one seed: no band");
        Table t = RunTables.combine(RunTables.history(history(0.5, 0.7), "FP", 1));
        assertThrows(IllegalArgumentException.class, () -> Charts.meanStd(c, p, t.removeColumns("setting"), "test_acc", 1));
    }

    @Test
    void histogramsShareBinsAndLongTitlesShrink() {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("full precision", new double[]{-0.3, -0.1, 0, 0.05, 0.2});
        s.put("4-bit", new double[]{-0.25, 0, 0, 0, 0.25});
        XYChart h = Charts.histograms("weights", "weight", new Palette(), s, 5);
        XYSeries fp = (XYSeries) h.getSeries("full precision"), q = (XYSeries) h.getSeries("4-bit");
        assertArrayEquals(fp.getXData(), q.getXData(), "shared bin edges");
        double total = 0;
        for (int i = 1; i < q.getYData().length - 1; i += 2) total += q.getYData()[i];
        assertEquals(5, total, 1e-12);
        XYChart t = Charts.line("a very long title that says what a reader should look at and then goes on and on and on", "x", "y");
        Figure.of(t, ChartStyle.HOUSE);
        assertTrue(t.getStyler().getChartTitleFont().getSize() < 15);
        assertEquals(0.05, Charts.niceStep(0.04), 1e-12);
        assertEquals(1.0, Charts.niceStep(1.0), 1e-12);
    }

    private static List<EpochMetrics> history(double acc0, double acc1) {
        List<EpochMetrics> h = new ArrayList<>();
        h.add(new EpochMetrics(0, 10, 1e-3, 1.0, acc0, 1.0, acc0, 1.0, Map.of()));
        h.add(new EpochMetrics(1, 20, 1e-3, 0.8, acc1, 0.8, acc1, 1.0, Map.of()));
        return h;
    }
}

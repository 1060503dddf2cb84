package org.snnlab.notebook;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A rendered chart: a PNG image at {@code scale} x the logical size (sharp on high-density screens and
 * in print) and the same drawing as SVG (XChart painting into VectorGraphics2D 0.13, XChart's optional
 * vector back end; text is drawn as outlines, so the SVG needs no fonts; coordinates to 0.01), with the logical size a
 * viewer should show it at.
 *
 * @param png the bitmap, {@code scale * width} x {@code scale * height} pixels, white background
 * @param svg the SVG document, {@code width} x {@code height} user units
 * @param width logical width
 * @param height logical height
 * @param name the chart's title (or "chart"), for file names
 */
public record Figure(BufferedImage png, String svg, int width, int height, String name) {
    public Figure {
        if (png == null || svg == null || !svg.contains("<svg")) throw new IllegalArgumentException("a figure needs a PNG and an SVG document");
        if (width < 1 || height < 1) throw new IllegalArgumentException("bad figure size " + width + " x " + height);
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a figure needs a name");
    }

    /** Applies the style's show-time rules to {@code chart} ({@link ChartStyle#finish}) and renders it. */
    public static Figure of(Chart<?, ?> chart, ChartStyle style) {
        int w = chart.getWidth(), h = style.finish(chart);
        String name = chart.getTitle() == null || chart.getTitle().isBlank() ? "chart" : chart.getTitle();
        return new Figure(png(chart, w, h, style.scale()), svg(chart, w, h), w, h, name);
    }

    /** {@code chart} painted at {@code scale} x ({@code w} x {@code h}). */
    static BufferedImage png(Chart<?, ?> chart, int w, int h, int scale) {
        BufferedImage img = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(scale, scale);
            chart.paint(g, w, h);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** {@code chart} as an SVG document of {@code w} x {@code h} user units. */
    static String svg(Chart<?, ?> chart, int w, int h) {
        VectorGraphics2D g = new VectorGraphics2D();
        chart.paint(g, w, h);
        Document doc = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, w, h));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            doc.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String svg = DIGITS.matcher(out.toString(StandardCharsets.UTF_8)).replaceAll("$1"); // 0.01 user units is plenty
        svg = svg.replace(" style=\"fill:rgb(0,0,0);stroke:none;\"", ""); // SVG's defaults (VectorGraphics2D styles no groups)
        return svg.substring(svg.indexOf("<svg")); // no XML declaration or DOCTYPE: Jupyter's image/svg+xml is the element itself
    }

    /** A decimal number's third and later decimals (VectorGraphics2D writes doubles in full). */
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("(\\d\\.\\d\\d)\\d+");

    /** The PNG's bytes. */
    public byte[] pngBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(png, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

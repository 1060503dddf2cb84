package org.snnlab.notebook;

import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where notebook output goes: the running Jupyter kernel's display API, found at run time by
 * reflection so the library needs neither kernel to compile, or files when there is no kernel.
 * <ul>
 *   <li>rapaio-jupyter-kernel ({@link RapaioSink}): {@code org.rapaio.jupyter.kernel.global.Global}.</li>
 *   <li>JJava 1.0-a6 and later ({@code org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel()},
 *       {@code BaseNotebookStatics}) and up to 1.0-a5 ({@code org.dflib.jjava.runtime.Kernel},
 *       {@code org.dflib.jjava.runtime.Display}) ({@link JJavaSink}): display data built here with
 *       only the formats meant, no text/plain copy.</li>
 *   <li>headless (plain JVM, tests, scripts; {@link FileSink}): PNGs (charts: PNG and SVG) and HTML
 *       files in {@code -Dsnnlab.figures}, {@code $SNNLAB_FIGURES}, {@code $SNNLAB_RUNS/figures} or a
 *       fresh temporary folder, never replacing a file, their paths printed.</li>
 * </ul>
 */
public final class Display {
    /** Which front end output goes to. */
    public enum Target { RAPAIO, JJAVA, HEADLESS }

    private static final AtomicReference<String> LAST = new AtomicReference<>();
    private static final DisplaySink SINK = DisplaySink.detect();

    private Display() { }

    public static Target target() {
        return SINK.target();
    }

    /**
     * Shows any value the way notebooks expect: an image or XChart chart as PNG, an {@link HtmlTable}
     * or Tablesaw table as an HTML table, anything else as escaped preformatted text. The one entry
     * point notebooks call instead of a kernel's own {@code display(...)}, so the same cell runs in
     * rapaio, JJava and headless.
     */
    public static void show(Object value) {
        if (value instanceof BufferedImage img) image(img, "image");
        else if (value instanceof org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) Charts.show(chart);
        else if (value instanceof HtmlTable t) t.show("table");
        else if (value instanceof tech.tablesaw.api.Table t) table(t);
        else html("<pre>" + HtmlTable.esc(String.valueOf(value)) + "</pre>", "text");
    }

    /**
     * The display id (kernel) or file (headless) of the last thing shown, or null. The showing methods
     * of the facade return nothing, so a cell ending in {@code Charts.show(chart)} prints no id.
     */
    public static String lastId() {
        return LAST.get();
    }

    /** Shows an image as PNG; returns the display id (kernel) or the file written (headless). */
    public static String image(BufferedImage img, String name) {
        return last(SINK.image(img, name));
    }

    /**
     * Shows a rendered chart: in a kernel one output carrying both {@code image/png} (with the logical
     * width as its metadata, so the 2x bitmap shows at its logical size) and {@code image/svg+xml}
     * (the report extracts both, side by side); headless two files, {@code NNN-name.png} and
     * {@code NNN-name.svg}. Returns the display id or the PNG file.
     */
    public static String figure(Figure f) {
        return last(SINK.figure(f));
    }

    /**
     * Shows a Tablesaw table as an HTML table ({@link HtmlTable#of}: numbers to 4 significant digits,
     * missing values blank), titled by the table's name; returns the display id or file.
     */
    public static String table(tech.tablesaw.api.Table t) {
        String name = t.name() == null || t.name().isBlank() ? "table" : t.name();
        return html(HtmlTable.of(t).toHtml(), name);
    }

    /** Shows an HTML fragment. */
    public static String html(String html, String name) {
        return last(SINK.html(html, name));
    }

    /** Replaces the content of an earlier HTML display (progress bars); headless: rewrites the file. */
    public static void updateHtml(String id, String html) {
        SINK.updateHtml(id, html);
    }

    private static String last(String id) {
        LAST.set(id);
        return id;
    }
}

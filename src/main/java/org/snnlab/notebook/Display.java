package org.snnlab.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where notebook output goes: the running Jupyter kernel's display API, found at run time by
 * reflection so the library needs neither kernel to compile, or files when there is no kernel.
 * <ul>
 *   <li>rapaio-jupyter-kernel: {@code org.rapaio.jupyter.kernel.global.Global.display(mime, value)}
 *       (its renderers turn a {@code BufferedImage} into image/png and a String into text/html) and
 *       {@code updateDisplay(id, mime, value)} for in-place updates.</li>
 *   <li>JJava: its notebook statics {@code display(value, mime)} / {@code updateDisplay(id, value, mime)}
 *       ({@code org.dflib.jjava.kernel.JavaNotebookStatics}, formerly {@code org.dflib.jjava.runtime.Display});
 *       untested here: JJava's kernel jars are not on the registry this machine reaches.</li>
 *   <li>headless (plain JVM, tests, scripts): PNGs (charts: PNG and SVG, {@link #figure}) and HTML
 *       files in {@code -Dsnnlab.figures} or {@code $SNNLAB_FIGURES} (default {@code ./figures}),
 *       their paths printed.</li>
 * </ul>
 */
public final class Display {
    /** Which front end output goes to. */
    public enum Target { RAPAIO, JJAVA, HEADLESS }

    private static final String RAPAIO = "org.rapaio.jupyter.kernel.global.Global";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicReference<String> LAST = new java.util.concurrent.atomic.AtomicReference<>();
    private static final Target TARGET = detect();

    private Display() { }

    public static Target target() {
        return TARGET;
    }

    private static Target detect() {
        if (present("org.rapaio.jupyter.kernel.global.Global") && rapaioActive()) return Target.RAPAIO;
        if (jjavaStatics() != null) return Target.JJAVA;
        return Target.HEADLESS;
    }

    private static boolean present(String cls) {
        try {
            Class.forName(cls, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean rapaioActive() {
        try {
            return Class.forName("org.rapaio.jupyter.kernel.global.Global").getMethod("displaySystem").invoke(null) != null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
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
        return show("image/png", img, name + ".png");
    }

    /**
     * Shows a rendered chart: in rapaio one output carrying both {@code image/png} (with the logical
     * width as its metadata, so the 2x bitmap shows at its logical size) and {@code image/svg+xml}
     * (the report extracts both, side by side); in JJava the PNG; headless two files,
     * {@code NNN-name.png} and {@code NNN-name.svg}. Returns the display id or the PNG file.
     */
    public static String figure(Figure f) {
        try {
            String id = switch (TARGET) {
                case RAPAIO -> rapaioBundle(f);
                case JJAVA -> (String) jjavaStatics().getMethod("display", Object.class, String[].class)
                        .invoke(null, f.png(), new String[]{"image/png"});
                case HEADLESS -> {
                    String png = writeFile(f.png(), f.name() + ".png");
                    Files.writeString(Path.of(png.substring(0, png.length() - 4) + ".svg"), f.svg(), StandardCharsets.UTF_8);
                    yield png;
                }
            };
            LAST.set(id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel display failed: " + e, e);
        }
    }

    /**
     * rapaio: a {@code DisplayData} with both formats, published through the kernel as
     * {@code Global.display} does; falls back to {@code Global.display("image/png", img)} when this
     * rapaio version lacks one of the pieces.
     */
    private static String rapaioBundle(Figure f) throws ReflectiveOperationException {
        Class<?> dd;
        Object kernel;
        try {
            dd = Class.forName("org.rapaio.jupyter.kernel.display.DisplayData");
            kernel = Class.forName("org.rapaio.jupyter.kernel.MainApp").getField("kernel").get(null);
            kernel.getClass().getMethod("display", dd);
        } catch (ReflectiveOperationException | LinkageError e) {
            return (String) Class.forName(RAPAIO).getMethod("display", String.class, Object.class).invoke(null, "image/png", f.png());
        }
        Object d = dd.getMethod("withType", String.class, String.class)
                .invoke(null, "image/png", java.util.Base64.getEncoder().encodeToString(f.pngBytes()));
        dd.getMethod("putData", String.class, Object.class).invoke(d, "image/svg+xml", f.svg());
        java.util.Map<String, Object> size = new java.util.LinkedHashMap<>();
        size.put("width", f.width());
        dd.getMethod("putMetaData", String.class, Object.class).invoke(d, "image/png", size);
        String id = java.util.UUID.randomUUID().toString();
        dd.getMethod("setDisplayId", String.class).invoke(d, id);
        kernel.getClass().getMethod("display", dd).invoke(kernel, d);
        return id;
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
        return show("text/html", html, name + ".html");
    }

    /** Replaces the content of an earlier HTML display (progress bars); headless: rewrites the file. */
    public static void updateHtml(String id, String html) {
        try {
            switch (TARGET) {
                case RAPAIO -> Class.forName(RAPAIO).getMethod("updateDisplay", String.class, String.class, Object.class)
                        .invoke(null, id, "text/html", html);
                case JJAVA -> jjavaStatics().getMethod("updateDisplay", String.class, Object.class, String[].class)
                        .invoke(null, id, html, new String[]{"text/html"});
                case HEADLESS -> Files.writeString(Path.of(id), html);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel display failed: " + e, e);
        }
    }

    private static String show(String mime, Object value, String file) {
        try {
            String id = switch (TARGET) {
                case RAPAIO -> (String) Class.forName(RAPAIO).getMethod("display", String.class, Object.class)
                        .invoke(null, mime, value);
                case JJAVA -> (String) jjavaStatics().getMethod("display", Object.class, String[].class)
                        .invoke(null, value, new String[]{mime});
                case HEADLESS -> writeFile(value, file);
            };
            LAST.set(id);
            return id;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel display failed: " + e, e);
        }
    }

    /** JJava's notebook statics ({@code display(Object, String...)}), whose class moved between versions. */
    private static Class<?> jjavaStatics() {
        for (String c : new String[]{"org.dflib.jjava.kernel.JavaNotebookStatics", "org.dflib.jjava.runtime.Display"}) {
            try {
                Class<?> k = Class.forName(c, false, Thread.currentThread().getContextClassLoader());
                k.getMethod("display", Object.class, String[].class);
                return k;
            } catch (ReflectiveOperationException | LinkageError e) {
                // try the next name
            }
        }
        return null;
    }

    private static String writeFile(Object value, String file) {
        try {
            Path dir = Path.of(System.getProperty("snnlab.figures", System.getenv().getOrDefault("SNNLAB_FIGURES", "figures")));
            Files.createDirectories(dir);
            Path p = dir.resolve(String.format("%03d-%s", COUNTER.incrementAndGet(), file.replaceAll("[^A-Za-z0-9._-]", "_")));
            if (value instanceof BufferedImage img) ImageIO.write(img, "png", p.toFile());
            else Files.writeString(p, String.valueOf(value), StandardCharsets.UTF_8);
            System.out.println("[figure] " + p);
            return p.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.snnlab.notebook;

import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * rapaio-jupyter-kernel's display API, by reflection: {@code org.rapaio.jupyter.kernel.global.Global.display(mime,
 * value)} (its renderers turn a {@code BufferedImage} into image/png and a String into text/html),
 * {@code updateDisplay(id, mime, value)}, and for charts one {@code DisplayData} carrying both formats.
 */
final class RapaioSink implements DisplaySink {
    static final String GLOBAL = "org.rapaio.jupyter.kernel.global.Global";

    private RapaioSink() { }

    /** The sink when this JVM is a running rapaio kernel, else null. */
    static RapaioSink find() {
        try {
            Class<?> g = Class.forName(GLOBAL, false, Thread.currentThread().getContextClassLoader());
            return g.getMethod("displaySystem").invoke(null) != null ? new RapaioSink() : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public Display.Target target() {
        return Display.Target.RAPAIO;
    }

    @Override
    public String image(BufferedImage img, String name) {
        return global("image/png", img);
    }

    @Override
    public String html(String html, String name) {
        return global("text/html", html);
    }

    @Override
    public void updateHtml(String id, String html) {
        try {
            Class.forName(GLOBAL).getMethod("updateDisplay", String.class, String.class, Object.class).invoke(null, id, "text/html", html);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel display failed: " + e, e);
        }
    }

    /**
     * A {@code DisplayData} with both formats, published through the kernel as {@code Global.display}
     * does; falls back to {@code Global.display("image/png", img)} when this rapaio version lacks one
     * of the pieces.
     */
    @Override
    public String figure(Figure f) {
        Class<?> dd;
        Object kernel;
        try {
            dd = Class.forName("org.rapaio.jupyter.kernel.display.DisplayData");
            kernel = Class.forName("org.rapaio.jupyter.kernel.MainApp").getField("kernel").get(null);
            kernel.getClass().getMethod("display", dd);
        } catch (ReflectiveOperationException | LinkageError e) {
            return global("image/png", f.png());
        }
        try {
            Object d = dd.getMethod("withType", String.class, String.class)
                    .invoke(null, "image/png", Base64.getEncoder().encodeToString(f.pngBytes()));
            dd.getMethod("putData", String.class, Object.class).invoke(d, "image/svg+xml", f.svg());
            Map<String, Object> size = new LinkedHashMap<>();
            size.put("width", f.width());
            dd.getMethod("putMetaData", String.class, Object.class).invoke(d, "image/png", size);
            String id = UUID.randomUUID().toString();
            dd.getMethod("setDisplayId", String.class).invoke(d, id);
            kernel.getClass().getMethod("display", dd).invoke(kernel, d);
            return id;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel display failed: " + e, e);
        }
    }

    private static String global(String mime, Object value) {
        try {
            return (String) Class.forName(GLOBAL).getMethod("display", String.class, Object.class).invoke(null, mime, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel display failed: " + e, e);
        }
    }
}

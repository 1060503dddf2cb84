package org.snnlab.notebook;

import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JJava's display API, by reflection. The running kernel is {@code org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel()}
 * (1.0-a6 and later) or {@code org.dflib.jjava.runtime.Kernel.getKernelInstance()} (up to 1.0-a5); to it
 * goes a {@code org.dflib.jjava.jupyter.kernel.display.DisplayData} built here with exactly the
 * formats meant (image/png, with the chart's logical width as metadata, and image/svg+xml; or
 * text/html), through {@code kernel.display(data)} and {@code kernel.getIO().display.updateDisplay(id, data)}.
 * JJava's own {@code display(Object, String...)} would add a text/plain copy of every value (an
 * image's {@code toString()}, a table's HTML source); it is used only where this kernel's
 * {@code DisplayData} cannot be built: the static {@code display}/{@code updateDisplay} of
 * {@code org.dflib.jjava.jupyter.kernel.BaseNotebookStatics} (1.0-a6+) or
 * {@code org.dflib.jjava.runtime.Display} (up to 1.0-a5).
 */
final class JJavaSink implements DisplaySink {
    static final String DATA = "org.dflib.jjava.jupyter.kernel.display.DisplayData";
    private static final List<String[]> KERNELS = List.of(
            new String[]{"org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel"},
            new String[]{"org.dflib.jjava.runtime.Kernel", "getKernelInstance"});
    private static final List<String> STATICS = List.of(
            "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics", "org.dflib.jjava.runtime.Display");

    private final Object kernel;
    private final Class<?> data;
    private final Class<?> statics;

    private JJavaSink(Object kernel, Class<?> data, Class<?> statics) {
        this.kernel = kernel;
        this.data = data;
        this.statics = statics;
    }

    /** The sink when this JVM is a running JJava kernel, else null. */
    static JJavaSink find() {
        Object kernel = null;
        for (String[] k : KERNELS) {
            try {
                kernel = load(k[0]).getMethod(k[1]).invoke(null);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // not this layout
            }
            if (kernel != null) break;
        }
        Class<?> data = null, statics = null;
        try {
            data = load(DATA);
            if (kernel != null) displayMethod(kernel, data);
        } catch (ReflectiveOperationException | LinkageError e) {
            data = null;
        }
        for (String s : STATICS) {
            try {
                statics = load(s);
                statics.getMethod("display", Object.class, String[].class);
                break;
            } catch (ReflectiveOperationException | LinkageError e) {
                statics = null;
            }
        }
        if (kernel != null && data != null) return new JJavaSink(kernel, data, statics);
        return kernel != null && statics != null ? new JJavaSink(null, null, statics) : null;
    }

    /** Whether output goes out as DisplayData built here (no text/plain copy), not through JJava's statics. */
    boolean direct() {
        return data != null;
    }

    @Override
    public Display.Target target() {
        return Display.Target.JJAVA;
    }

    @Override
    public String image(BufferedImage img, String name) {
        if (!direct()) return staticDisplay(img, "image/png");
        return publish(bundle("image/png", Base64.getEncoder().encodeToString(FileSink.png(img)), null));
    }

    @Override
    public String figure(Figure f) {
        if (!direct()) return staticDisplay(f.png(), "image/png");
        Map<String, Object> size = new LinkedHashMap<>();
        size.put("width", f.width());
        Object d = bundle("image/png", Base64.getEncoder().encodeToString(f.pngBytes()), size);
        put(d, "image/svg+xml", f.svg());
        return publish(d);
    }

    @Override
    public String html(String html, String name) {
        if (!direct()) return staticDisplay(html, "text/html");
        return publish(bundle("text/html", html, null));
    }

    @Override
    public void updateHtml(String id, String html) {
        try {
            if (!direct()) {
                statics.getMethod("updateDisplay", String.class, Object.class, String[].class).invoke(null, id, html, new String[]{"text/html"});
                return;
            }
            Object io = publicMethod(kernel, "getIO").invoke(kernel);
            Object stream = io.getClass().getField("display").get(io);
            publicMethod(stream, "updateDisplay", String.class, data).invoke(stream, id, bundle("text/html", html, null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel display failed: " + e, e);
        }
    }

    private Object bundle(String mime, Object value, Map<String, Object> metadata) {
        try {
            Object d = data.getConstructor().newInstance();
            put(d, mime, value);
            if (metadata != null) data.getMethod("putMetaData", String.class, Object.class).invoke(d, mime, metadata);
            return d;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel display failed: " + e, e);
        }
    }

    private void put(Object d, String mime, Object value) {
        try {
            data.getMethod("putData", String.class, Object.class).invoke(d, mime, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel display failed: " + e, e);
        }
    }

    private String publish(Object d) {
        try {
            String id = UUID.randomUUID().toString();
            data.getMethod("setDisplayId", String.class).invoke(d, id);
            displayMethod(kernel, data).invoke(kernel, d);
            return id;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel display failed: " + e, e);
        }
    }

    private String staticDisplay(Object value, String mime) {
        try {
            return (String) statics.getMethod("display", Object.class, String[].class).invoke(null, value, new String[]{mime});
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel display failed: " + e, e);
        }
    }

    private static Method displayMethod(Object kernel, Class<?> data) throws NoSuchMethodException {
        return publicMethod(kernel, "display", data);
    }

    /** {@code name(types)} looked up on the first public class of {@code target}'s lineage (a kernel may be a non-public subclass). */
    private static Method publicMethod(Object target, String name, Class<?>... types) throws NoSuchMethodException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass())
            if (java.lang.reflect.Modifier.isPublic(c.getModifiers())) return c.getMethod(name, types);
        throw new NoSuchMethodException(name + " on " + target.getClass());
    }

    private static Class<?> load(String name) throws ClassNotFoundException {
        try {
            return Class.forName(name, false, JJavaSink.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        }
    }
}

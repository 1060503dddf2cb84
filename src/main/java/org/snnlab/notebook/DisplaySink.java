package org.snnlab.notebook;

import java.awt.image.BufferedImage;

/**
 * Where {@link Display} sends output: one running kernel's display API, or files. Each method
 * returns the display id (kernel) or the file written (headless).
 */
interface DisplaySink {
    /** The sink of the kernel running this JVM: rapaio, else JJava, else files (found once, by {@link Display}). */
    static DisplaySink detect() {
        DisplaySink s = RapaioSink.find();
        if (s == null) s = JJavaSink.find();
        return s != null ? s : new FileSink();
    }

    /** The front end this sink writes to. */
    Display.Target target();

    /** An image as image/png. */
    String image(BufferedImage img, String name);

    /** A chart: image/png (shown at its logical width) and image/svg+xml. */
    String figure(Figure f);

    /** An HTML fragment as text/html. */
    String html(String html, String name);

    /** Replaces the content of the earlier HTML display {@code id}. */
    void updateHtml(String id, String html);
}

package org.snnlab.notebook;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JJava sink against JJava's real display API ({@code org.dflib.jjava:jjava-jupyter:1.0-a6}, the
 * module holding {@code BaseKernel} and {@code BaseNotebookStatics}, on the test class path only): a
 * kernel installed as JJava installs its notebook kernel is found, and what reaches its display stream
 * is exactly the formats meant (no text/plain copy), with display ids that in-place updates reuse.
 * The tests go through {@link JJavaSink} and {@link DisplaySink#detect()}, never {@link Display} itself,
 * whose once-per-JVM choice must stay headless for the other tests.
 */
class DisplayJJavaTest {
    private FakeKernel kernel;

    @AfterEach
    void uninstall() {
        if (kernel != null) kernel.remove();
    }

    @Test
    void withoutARunningKernelTheApiOnTheClassPathIsNotTakenForJJava() {
        assertNull(JJavaSink.find(), "BaseNotebookStatics present, no notebook kernel: headless");
        assertEquals(Display.Target.HEADLESS, DisplaySink.detect().target());
    }

    @Test
    void imagesChartsAndTablesGoToTheKernelWithOnlyTheirOwnFormats() throws Exception {
        kernel = FakeKernel.install();
        DisplaySink sink = DisplaySink.detect();
        assertEquals(Display.Target.JJAVA, sink.target());
        assertTrue(((JJavaSink) sink).direct(), "display data built by snnlab, not JJava's renderer");

        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0xFF0000);
        String id = sink.image(img, "img");
        JsonObject shown = kernel.shown.get(0);
        assertEquals(Set.of("image/png"), shown.getAsJsonObject("data").keySet(), "no text/plain copy: " + shown);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                shown.getAsJsonObject("data").get("image/png").getAsString())));
        assertEquals(0xFF0000, back.getRGB(1, 1) & 0xFFFFFF, "the PNG is the image");
        assertEquals(id, shown.getAsJsonObject("transient").get("display_id").getAsString());

        Figure f = new Figure(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), "<svg width=\"10\" height=\"5\"></svg>", 10, 5, "chart");
        sink.figure(f);
        JsonObject fig = kernel.shown.get(1);
        assertEquals(Set.of("image/png", "image/svg+xml"), fig.getAsJsonObject("data").keySet());
        assertEquals(10, fig.getAsJsonObject("metadata").getAsJsonObject("image/png").get("width").getAsInt(), "shown at its logical width");

        String bar = sink.html("<b>0%</b>", "progress");
        sink.updateHtml(bar, "<b>50%</b>");
        assertEquals(Set.of("text/html"), kernel.shown.get(2).getAsJsonObject("data").keySet());
        JsonObject update = kernel.updated.get(0);
        assertEquals(bar, update.getAsJsonObject("transient").get("display_id").getAsString(), "the same display, in place");
        assertEquals("<b>50%</b>", update.getAsJsonObject("data").get("text/html").getAsString());
        assertEquals(Set.of("text/html"), update.getAsJsonObject("data").keySet());
    }

    /**
     * A JJava kernel without a language, magics or channels: what its display stream is asked to publish
     * is recorded as the JSON JJava would send.
     */
    public static final class FakeKernel extends BaseKernel {
        final List<JsonObject> shown = new ArrayList<>();
        final List<JsonObject> updated = new ArrayList<>();

        private FakeKernel() {
            super("fake", "0", null, List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                    null, null, false, new StringStyler("", "", "", n -> ""));
        }

        static FakeKernel install() throws Exception {
            FakeKernel k = new FakeKernel();
            Field display = JupyterIO.class.getField("display");
            display.setAccessible(true);
            display.set(k.getIO(), new DisplayStream() {
                @Override
                public void display(DisplayData data) {
                    k.shown.add(json(data));
                }

                @Override
                public void updateDisplay(DisplayData data) {
                    k.updated.add(json(data));
                }
            });
            k.installNotebookKernel();
            assertNotNull(BaseKernel.notebookKernel());
            return k;
        }

        void remove() {
            uninstallNotebookKernel();
        }

        private static JsonObject json(DisplayData d) {
            return new Gson().toJsonTree(d).getAsJsonObject();
        }

        @Override
        public Object evalRaw(String source) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DisplayData inspect(String code, int at, boolean extraDetail) {
            return null;
        }

        @Override
        public ReplacementOptions complete(String code, int at) {
            return null;
        }

        @Override
        public String isComplete(String code) {
            return IS_COMPLETE_YES;
        }
    }
}

package org.snnlab.notebook;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Headless display: figures become files; tables escape HTML; frames color ON red and OFF blue. */
class DisplayTest {

    @Test
    void headlessFiguresAreWrittenAsFiles() throws Exception {
        System.setProperty("snnlab.figures", "target/display-test");
        assertEquals(Display.Target.HEADLESS, Display.target());
        var spikes = Nd4j.zeros(DataType.FLOAT, 5, 3);
        spikes.putScalar(2, 1, 1f);
        Charts.raster(spikes, "raster");
        Path raster = Path.of(Display.lastId());
        assertTrue(Files.size(raster) > 0 && ImageIO.read(raster.toFile()).getWidth() == 2 * 640, "a 2x PNG of the 640-wide chart");
        assertTrue(Files.readString(Path.of(raster.toString().replace(".png", ".svg"))).contains("<svg"), "an SVG beside the PNG");
        var frame = Nd4j.zeros(DataType.FLOAT, 2, 2, 3);
        frame.putScalar(new int[]{0, 0, 0}, 3f);
        frame.putScalar(new int[]{1, 1, 2}, 3f);
        var img = Charts.frameImage(frame, 1);
        assertEquals(0xFF0000, img.getRGB(0, 0) & 0xFFFFFF, "ON is red");
        assertEquals(0x0000FF, img.getRGB(2, 1) & 0xFFFFFF, "OFF is blue");
        Charts.animation(List.of(img, img), 100, "anim");
        String gif = Files.readString(Path.of(Display.lastId()));
        assertTrue(gif.startsWith("<img") && gif.contains("data:image/gif;base64,R0lGOD"), "an animated GIF");
    }

    @Test
    void tablesEscapeAndCheckWidths() {
        String html = new HtmlTable("a<b", "c").row("x&y", 0.123456).toHtml();
        assertTrue(html.contains("a&lt;b") && html.contains("x&amp;y") && html.contains("0.1235"), html);
        assertThrows(IllegalArgumentException.class, () -> new HtmlTable("a").row(1, 2));
        var t = tech.tablesaw.api.Table.create("t", tech.tablesaw.api.StringColumn.create("setting", "FP", "4-bit"),
                tech.tablesaw.api.DoubleColumn.create("acc", 0.9, 0.88));
        String tw = HtmlTable.of(t).toHtml();
        assertTrue(tw.contains("<th style=\"border-bottom:1px solid #888;padding:2px 8px\">setting</th>") && tw.contains("4-bit") && tw.contains("0.8800"), tw);
    }

    @Test
    void histogramsBatchedRastersStripsAndShowWriteFiles() throws Exception {
        System.setProperty("snnlab.figures", "target/display-test");
        Charts.histogram(new double[]{-1, -0.5, 0, 0, 0.5, 1}, 4, "weights", "w");
        assertTrue(ImageIO.read(Path.of(Display.lastId()).toFile()).getHeight() == 2 * 400);
        var tb = Nd4j.zeros(DataType.FLOAT, 3 * 2, 2, 2); // T=3, B=2, 4 neurons
        tb.putScalar(new int[]{1 * 2 + 1, 1, 0}, 1f);
        Charts.raster(tb, 2, 1, "example 1");
        assertTrue(Display.lastId().endsWith(".png"));
        assertThrows(IllegalArgumentException.class, () -> Charts.raster(tb, 4, 0, "bad"));
        assertThrows(IllegalArgumentException.class, () -> Charts.raster(tb, "rank 3"));
        var img = Charts.frameImage(Nd4j.ones(DataType.FLOAT, 4, 4), 2);
        Charts.strip(List.of(img, img, img), "strip");
        String html = Files.readString(Path.of(Display.lastId()));
        assertEquals(3, html.split("data:image/png;base64,", -1).length - 1, "three PNG frames");
        Display.show(new HtmlTable("x").row("<script>"));
        assertTrue(Files.readString(Path.of(Display.lastId())).contains("&lt;script&gt;"));
        Display.show(img);
        assertTrue(Display.lastId().endsWith(".png"));
    }

    @Test
    void gifsAreAnimatedAndLoop() throws Exception {
        var a = Charts.frameImage(Nd4j.ones(DataType.FLOAT, 3, 3), 4);
        var b = Charts.frameImage(Nd4j.zeros(DataType.FLOAT, 3, 3), 4);
        byte[] gif = Gif.encode(List.of(a, b, a), 50);
        var reader = ImageIO.getImageReadersByFormatName("gif").next();
        reader.setInput(ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(gif)));
        assertEquals(3, reader.getNumImages(true));
        assertEquals(0xFFFFFF, reader.read(0).getRGB(0, 0) & 0xFFFFFF, "a white frame");
        assertTrue(new String(gif, java.nio.charset.StandardCharsets.ISO_8859_1).contains("NETSCAPE2.0"), "loops");
        assertThrows(IllegalArgumentException.class, () -> Gif.encode(List.of(), 10));
    }
}

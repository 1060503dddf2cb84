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
        Path raster = Path.of(Charts.raster(spikes, "raster"));
        assertTrue(Files.size(raster) > 0 && ImageIO.read(raster.toFile()).getWidth() == 640);
        var frame = Nd4j.zeros(DataType.FLOAT, 2, 2, 3);
        frame.putScalar(new int[]{0, 0, 0}, 3f);
        frame.putScalar(new int[]{1, 1, 2}, 3f);
        var img = Charts.frameImage(frame, 1);
        assertEquals(0xFF0000, img.getRGB(0, 0) & 0xFFFFFF, "ON is red");
        assertEquals(0x0000FF, img.getRGB(2, 1) & 0xFFFFFF, "OFF is blue");
        String gif = Files.readString(Path.of(Charts.animation(List.of(img, img), 100, "anim")));
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
}

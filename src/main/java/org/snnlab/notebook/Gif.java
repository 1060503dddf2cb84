package org.snnlab.notebook;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Animated GIFs with the JDK's own {@code javax.imageio} GIF writer (no third-party encoder): every
 * frame carries a Graphic Control Extension (delay in 1/100 s) and the first one the NETSCAPE2.0
 * application extension that makes viewers loop forever.
 */
final class Gif {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private Gif() { }

    /** The frames as one looping animated GIF, {@code delayMs} per frame. */
    static byte[] encode(List<BufferedImage> frames, int delayMs) {
        if (frames.isEmpty()) throw new IllegalArgumentException("an animation needs at least one frame");
        if (delayMs < 0) throw new IllegalArgumentException("delayMs must be >= 0, got " + delayMs);
        ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            boolean first = true;
            for (BufferedImage f : frames) {
                BufferedImage rgb = toRgb(f);
                IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(rgb), null);
                meta.mergeTree(FORMAT, tree(delayMs, first));
                w.writeToSequence(new IIOImage(rgb, null, meta), null);
                first = false;
            }
            w.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    private static IIOMetadataNode tree(int delayMs, boolean loop) throws IIOInvalidTreeException {
        IIOMetadataNode root = new IIOMetadataNode(FORMAT);
        IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(Math.max(1, Math.round(delayMs / 10f))));
        gce.setAttribute("transparentColorIndex", "0");
        root.appendChild(gce);
        if (loop) {
            IIOMetadataNode apps = new IIOMetadataNode("ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[]{1, 0, 0}); // sub-block 1, loop count 0 = forever
            apps.appendChild(app);
            root.appendChild(apps);
        }
        return root;
    }

    private static BufferedImage toRgb(BufferedImage f) {
        if (f.getType() == BufferedImage.TYPE_INT_RGB) return f;
        BufferedImage rgb = new BufferedImage(f.getWidth(), f.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(f, 0, 0, null);
        return rgb;
    }
}

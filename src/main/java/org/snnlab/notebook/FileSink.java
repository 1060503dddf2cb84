package org.snnlab.notebook;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless output (plain JVM, tests, scripts, a kernel whose display API was not found): PNGs
 * (charts: PNG and SVG) and HTML files, their paths printed as {@code [figure] PATH}. The folder is
 * {@code -Dsnnlab.figures}, else {@code $SNNLAB_FIGURES}, else {@code $SNNLAB_RUNS/figures} (the
 * notebook runner's per-notebook run folder), else a fresh folder {@code snnlab-figures-*} in the
 * temporary directory, one per JVM: never the working directory, which in a kernel is the notebooks
 * folder. Files are created, never replaced ({@code NNN-name.png}, NNN the first free number), so two
 * notebooks or JVMs sharing a folder never overwrite each other's figures.
 */
final class FileSink implements DisplaySink {
    private final AtomicInteger counter = new AtomicInteger();
    private volatile Path fallback;

    @Override
    public Display.Target target() {
        return Display.Target.HEADLESS;
    }

    @Override
    public String image(BufferedImage img, String name) {
        return write(png(img), name + ".png").toString();
    }

    @Override
    public String figure(Figure f) {
        Path png = write(f.pngBytes(), f.name() + ".png");
        String svg = png.getFileName().toString().replaceAll("\\.png$", ".svg");
        try { // the SVG takes the PNG's free number; a clash there is another writer's: keep theirs, write ours aside
            Files.writeString(png.resolveSibling(svg), f.svg(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            write(f.svg().getBytes(StandardCharsets.UTF_8), f.name() + ".svg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toString();
    }

    @Override
    public String html(String html, String name) {
        return write(html.getBytes(StandardCharsets.UTF_8), name + ".html").toString();
    }

    @Override
    public void updateHtml(String id, String html) {
        try {
            Files.writeString(Path.of(id), html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder figures go to now (the property and variables are read on every call). */
    Path dir() {
        String dir = System.getProperty("snnlab.figures", System.getenv("SNNLAB_FIGURES"));
        if (dir != null && !dir.isBlank()) return Path.of(dir);
        String runs = System.getenv("SNNLAB_RUNS");
        if (runs != null && !runs.isBlank()) return Path.of(runs, "figures");
        if (fallback == null) {
            synchronized (this) {
                try {
                    if (fallback == null) fallback = Files.createTempDirectory("snnlab-figures-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return fallback;
    }

    private Path write(byte[] bytes, String file) {
        try {
            Path dir = Files.createDirectories(dir());
            String safe = file.replaceAll("[^A-Za-z0-9._-]", "_");
            while (true) {
                Path p = dir.resolve(String.format("%03d-%s", counter.incrementAndGet(), safe));
                try {
                    Files.write(p, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    System.out.println("[figure] " + p);
                    return p;
                } catch (FileAlreadyExistsException taken) {
                    // another notebook's (or JVM's) file: take the next number
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.snnlab.notebook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless figures: two notebooks (two sinks, each numbering from 1) writing into one folder keep
 * every file, and with no folder configured nothing lands in the working directory.
 */
class FileSinkTest {

    @Test
    void twoWritersSharingAFolderNeverOverwriteEachOther(@TempDir Path dir) throws Exception {
        String old = System.getProperty("snnlab.figures");
        System.setProperty("snnlab.figures", dir.toString());
        try {
            FileSink a = new FileSink(), b = new FileSink(); // two kernels: both start at 001
            Set<String> files = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                files.add(a.html("<p>a" + i + "</p>", "progress"));
                files.add(b.html("<p>b" + i + "</p>", "progress"));
            }
            Figure f = new Figure(new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB), "<svg></svg>", 2, 1, "chart");
            String pa = a.figure(f), pb = b.figure(f);
            files.add(pa);
            files.add(pb);
            assertEquals(8, files.size(), "every write got its own file: " + files);
            try (var s = Files.list(dir)) {
                assertEquals(10, s.count(), "6 HTML, 2 PNG, 2 SVG");
            }
            for (int i = 0; i < 3; i++) {
                int k = i;
                assertTrue(files.stream().filter(p -> p.endsWith(".html")).anyMatch(p -> read(p).equals("<p>a" + k + "</p>"))
                        && files.stream().filter(p -> p.endsWith(".html")).anyMatch(p -> read(p).equals("<p>b" + k + "</p>")), "every text kept");
            }
            assertTrue(Files.exists(Path.of(pa.replace(".png", ".svg"))) && Files.exists(Path.of(pb.replace(".png", ".svg"))), "each PNG's SVG beside it");
        } finally {
            if (old == null) System.clearProperty("snnlab.figures");
            else System.setProperty("snnlab.figures", old);
        }
    }

    @Test
    void withNoFolderConfiguredFiguresGoToATemporaryFolderNotTheWorkingDirectory() {
        String old = System.getProperty("snnlab.figures");
        System.clearProperty("snnlab.figures");
        try {
            Path dir = new FileSink().dir();
            if (System.getenv("SNNLAB_FIGURES") == null && System.getenv("SNNLAB_RUNS") == null) {
                assertTrue(dir.getFileName().toString().startsWith("snnlab-figures-") && dir.startsWith(Path.of(System.getProperty("java.io.tmpdir"))), dir.toString());
            }
            assertFalse(dir.toAbsolutePath().normalize().equals(Path.of("figures").toAbsolutePath().normalize()), "not ./figures");
        } finally {
            if (old != null) System.setProperty("snnlab.figures", old);
        }
    }

    private static String read(String p) {
        try {
            return Files.readString(Path.of(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

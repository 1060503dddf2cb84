package org.snnlab.cli;

import org.snnlab.data.CifarBin;
import org.snnlab.data.event.Aedat31;
import org.snnlab.data.event.EventFormat;
import org.snnlab.data.event.Shd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads every data file under a folder (event files by format, CIFAR record files by name, DVS128
 * Gesture label files) as training would, so that {@code data inspect FOLDER} finds the corrupt ones
 * instead of only counting names. Each failure is the reader's one line (file and byte offset).
 */
final class FolderCheck {
    /** The files read and the one-line errors of those that failed, in path order. */
    record Result(int checked, List<String> corrupt) { }

    private static final int DEPTH = 8;

    private FolderCheck() { }

    static Result check(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root, DEPTH)) {
            files = s.filter(Files::isRegularFile).filter(FolderCheck::isData).sorted().toList();
        }
        List<String> corrupt = new ArrayList<>();
        for (Path f : files) {
            try {
                read(f);
            } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
                String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("[\\r\\n]+", " ");
                corrupt.add(m.contains(f.toString()) ? m : f + ": " + m);
            }
        }
        return new Result(files.size(), List.copyOf(corrupt));
    }

    private static boolean isData(Path f) {
        return CifarBin.layoutOf(f) != null || EventFormat.isEventFile(f) || f.getFileName().toString().endsWith("_labels.csv");
    }

    private static void read(Path f) throws IOException {
        CifarBin.Layout layout = CifarBin.layoutOf(f);
        if (layout != null) {
            CifarBin.read(f, layout);
        } else if (f.getFileName().toString().endsWith("_labels.csv")) {
            Aedat31.readLabels(f);
        } else {
            EventFormat format = EventFormat.detect(f);
            if (format == EventFormat.SHD_HDF5) Shd.read(f);
            else format.reader().read(f);
        }
    }
}

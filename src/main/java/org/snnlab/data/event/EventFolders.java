package org.snnlab.data.event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Class counts of an event data set laid out as folders: N-MNIST ({@code Train/<digit>/*.bin}), NCARS
 * ({@code train/cars/*.dat}, {@code train/background/*.dat}) and the like. Each event file counts for
 * the folder that holds it, named by its path relative to the data set root ({@code Train/3}).
 */
public final class EventFolders {
    private EventFolders() { }

    /** Files per class folder (relative path with '/' separators), sorted by name. */
    public static Map<String, Integer> classCounts(Path root) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root, 4)) {
            for (Path f : s.filter(Files::isRegularFile).filter(EventFormat::isEventFile).toList()) {
                Path parent = root.relativize(f.getParent());
                String k = parent.toString().isEmpty() ? "." : parent.toString().replace('\\', '/');
                counts.merge(k, 1, Integer::sum);
            }
        }
        return counts;
    }
}

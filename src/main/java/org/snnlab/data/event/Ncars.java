package org.snnlab.data.event;

import org.snnlab.data.InMemoryDataset;
import org.snnlab.data.Split;
import org.snnlab.data.event.transform.ToFrames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prophesee NCARS (Sironi et al. 2018, CVPR): 100 ms ATIS recordings, one Prophesee {@code .dat} file
 * per sample, in {@code train|test/cars/*.dat} and {@code train|test/background/*.dat} (7,940 + 7,482
 * training, 4,396 + 4,211 test samples). FastSpiker (and CarSNN before it) feed a 100x100 window, two
 * polarity channels, binary frames. Labels: background 0, cars 1.
 */
public final class Ncars {
    public static final List<String> CLASSES = List.of("background", "cars");
    /** The input window FastSpiker uses. */
    public static final int WINDOW = 100;

    private Ncars() { }

    /** The {@code .dat} files of one class folder ({@code split/cls}), sorted by name. */
    static List<Path> files(Path dir, Split split, String cls) throws IOException {
        Path folder = dir.resolve(split.label()).resolve(cls);
        if (!Files.isDirectory(folder)) throw new IOException(folder + ": not found (expected NCARS' train|test/cars|background folders)");
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".dat")).sorted().toList();
        }
    }

    /**
     * One split as binary frames {@code [bins, 2, 100, 100]}: the events inside the 100x100 window at
     * the origin (the sensor is taken as at least 100x100), sliced into {@code bins} equal-time frames.
     * Classes alternate (background, cars, background, ...) so that any {@code limit} is balanced.
     */
    public static InMemoryDataset frames(Path dir, Split split, int bins, int limit) throws IOException {
        if (bins < 1 || limit < 1) throw new IllegalArgumentException("bins and limit must be >= 1, got " + bins + ", " + limit);
        List<List<Path>> byClass = List.of(files(dir, split, CLASSES.get(0)), files(dir, split, CLASSES.get(1)));
        ToFrames toFrames = new ToFrames(ToFrames.Mode.BINS, bins, true);
        int per = bins * 2 * WINDOW * WINDOW;
        List<float[]> feats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; feats.size() < limit && (i < byClass.get(0).size() || i < byClass.get(1).size()); i++) {
            for (int c = 0; c < 2 && feats.size() < limit; c++) {
                if (i >= byClass.get(c).size()) continue;
                Events e = window(PropheseeDat.read(byClass.get(c).get(i), WINDOW, WINDOW));
                feats.add(Arrays.copyOf(toFrames.frames(e.sorted(), new long[1]), per));
                labels.add(c);
            }
        }
        if (feats.isEmpty()) throw new IOException(dir + ": no .dat samples in the " + split.label() + " split");
        float[] all = new float[feats.size() * per];
        for (int i = 0; i < feats.size(); i++) System.arraycopy(feats.get(i), 0, all, i * per, per);
        return new InMemoryDataset("ncars-" + split.label(), new long[]{bins, 2, WINDOW, WINDOW}, 2, all,
                labels.stream().mapToInt(Integer::intValue).toArray(), Integer.toHexString(Arrays.hashCode(all)));
    }

    /** The events with x, y < 100 on a 100x100 sensor. */
    static Events window(Events e) {
        int n = 0;
        for (int i = 0; i < e.size(); i++) if (e.x(i) < WINDOW && e.y(i) < WINDOW) n++;
        int[] x = new int[n], y = new int[n];
        long[] t = new long[n];
        byte[] p = new byte[n];
        for (int i = 0, k = 0; i < e.size(); i++) {
            if (e.x(i) >= WINDOW || e.y(i) >= WINDOW) continue;
            x[k] = e.x(i);
            y[k] = e.y(i);
            t[k] = e.t(i);
            p[k++] = (byte) e.p(i);
        }
        return new Events(WINDOW, WINDOW, x, y, t, p);
    }
}

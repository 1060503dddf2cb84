package org.snnlab.data.event;

import org.snnlab.data.InMemoryDataset;
import org.snnlab.data.Split;
import org.snnlab.data.event.transform.EventTransform;
import org.snnlab.data.event.transform.ToFrames;
import org.snnlab.data.event.transform.Transforms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * IBM DVS128 Gesture (Amir et al. 2017, CVPR): AEDAT 3.1 recordings {@code userXX_<light>.aedat}, each with
 * {@code userXX_<light>_labels.csv} ({@code class,startTime_usec,endTime_usec}, classes 1-11), and the
 * split files {@code trials_to_train.txt} / {@code trials_to_test.txt} (1176 / 288 samples) listing the
 * recordings of each split. A recording is cut into one sample per label row, label = class - 1.
 */
public final class DvsGesture {
    public static final int CLASSES = 11;
    public static final String TRAIN = "trials_to_train.txt";
    public static final String TEST = "trials_to_test.txt";

    private DvsGesture() { }

    /** The folder of the archive {@code DvsGesture.tar.gz} unpacks into. */
    public static final String FOLDER = "DvsGesture";

    /**
     * The folder holding both split files: {@code dir} itself, or {@code dir/DvsGesture} (the archive
     * unpacked into {@code dir}); null when neither does.
     */
    public static Path folder(Path dir) {
        for (Path d : new Path[]{dir, dir.resolve(FOLDER)})
            if (Files.isRegularFile(d.resolve(TRAIN)) && Files.isRegularFile(d.resolve(TEST))) return d;
        return null;
    }

    /** The recording file names listed in a split file (blank lines skipped); each must end with {@code .aedat}. */
    public static List<String> readSplit(Path txt) throws IOException {
        List<String> lines = Files.readAllLines(txt, StandardCharsets.US_ASCII);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty()) continue;
            if (!l.endsWith(".aedat")) throw new IOException(txt + ": line " + (i + 1) + ": expected a recording name like user01_fluorescent.aedat, got '" + l + "'");
            out.add(l);
        }
        if (out.isEmpty()) throw new IOException(txt + ": no recordings listed (empty split file)");
        return out;
    }

    /** The labels file beside a recording: {@code userXX_<light>.aedat} -> {@code userXX_<light>_labels.csv}. */
    public static Path labelsOf(Path recording) {
        String n = recording.getFileName().toString();
        return recording.resolveSibling(n.substring(0, n.length() - ".aedat".length()) + "_labels.csv");
    }

    /** Cuts a recording into its labelled gestures: events with {@code start <= t < end}, label = class - 1. */
    public static List<LabelledEvents> cut(Events recording, List<Aedat31.Label> labels) {
        Events sorted = recording.sorted();
        List<LabelledEvents> out = new ArrayList<>(labels.size());
        for (Aedat31.Label l : labels) out.add(new LabelledEvents(sorted.between(l.startUs(), l.endUs()), l.gesture() - 1));
        return out;
    }

    /** Reads and cuts one recording using its labels file. */
    public static List<LabelledEvents> samples(Path recording) throws IOException {
        return cut(Aedat31.read(recording), Aedat31.readLabels(labelsOf(recording)));
    }

    /**
     * One split as a framed data set: every gesture of every recording listed in the split file,
     * downsampled by {@code factor} (128 -> 128/factor pixels, the QSNN paper uses 32x32), sliced into
     * {@code bins} equal-time binary frames {@code [bins, 2, s, s]}; at most {@code limit} samples
     * (in split order). Labels 0-10.
     */
    public static InMemoryDataset frames(Path dir, Split split, int factor, int bins, int limit) throws IOException {
        if (factor < 1 || Aedat31.DVS128 % factor != 0)
            throw new IllegalArgumentException("downsample factor must divide 128, got " + factor);
        if (bins < 1 || limit < 1) throw new IllegalArgumentException("bins and limit must be >= 1, got " + bins + ", " + limit);
        Path splitFile = dir.resolve(split == Split.TRAIN ? TRAIN : TEST);
        int side = Aedat31.DVS128 / factor, per = bins * 2 * side * side;
        EventTransform down = Transforms.downsample(factor);
        ToFrames toFrames = new ToFrames(ToFrames.Mode.BINS, bins, true);
        List<float[]> feats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String rec : readSplit(splitFile)) {
            for (LabelledEvents le : samples(dir.resolve(rec))) {
                if (feats.size() == limit) break;
                float[] f = toFrames.frames(down.apply(le.events(), new SplittableRandom(0)), new long[1]);
                feats.add(Arrays.copyOf(f, per));
                labels.add(le.label());
            }
        }
        if (feats.isEmpty()) throw new IOException(splitFile + ": the listed recordings hold no labelled gestures");
        float[] all = new float[feats.size() * per];
        for (int i = 0; i < feats.size(); i++) System.arraycopy(feats.get(i), 0, all, i * per, per);
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        return new InMemoryDataset("dvs128-gesture-" + split.label(), new long[]{bins, 2, side, side},
                CLASSES, all, y, Integer.toHexString(Arrays.hashCode(all)));
    }

    /** Samples per class (1-11) in each split file present in {@code dir}, from the label files only. */
    public static Map<String, Map<Integer, Integer>> classCounts(Path dir) throws IOException {
        Map<String, Map<Integer, Integer>> out = new LinkedHashMap<>();
        for (String split : new String[]{TRAIN, TEST}) {
            Path f = dir.resolve(split);
            if (!Files.isRegularFile(f)) continue;
            Map<Integer, Integer> counts = new TreeMap<>();
            for (String rec : readSplit(f)) {
                Path csv = labelsOf(dir.resolve(rec));
                if (!Files.isRegularFile(csv)) throw new IOException(f + ": lists " + rec + " but " + csv + " does not exist");
                for (Aedat31.Label l : Aedat31.readLabels(csv)) counts.merge(l.gesture(), 1, Integer::sum);
            }
            out.put(split.substring("trials_to_".length(), split.length() - 4), counts);
        }
        return out;
    }
}

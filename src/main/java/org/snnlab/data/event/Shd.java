package org.snnlab.data.event;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Spiking Heidelberg Digits (Cramer et al. 2020, IEEE TNNLS 33:2744) HDF5 files, read with jHDF:
 * {@code /spikes/times} (variable-length float, seconds), {@code /spikes/units} (variable-length uint,
 * channel 0..699), {@code /labels} (class 0..19), {@code /extra/speaker}, {@code /extra/keys} (class
 * names). A sample becomes {@link Events} on a 700 x 1 sensor: {@code x = unit}, {@code y = 0},
 * {@code p = 1}, {@code t = round(time * 1e6)} microseconds, sorted by time.
 * Writing needs variable-length datasets, which jHDF cannot write; test fixtures are made with h5py
 * (see {@code src/test/resources/shd/README.md}).
 */
public final class Shd {
    public static final int CHANNELS = 700;

    /** One SHD sample: events, label, speaker id. */
    public record Sample(Events events, int label, int speaker) { }

    /** A whole file: its samples and the class names from {@code /extra/keys} (empty when absent). */
    public record Contents(List<Sample> samples, List<String> keys) {
        public Contents {
            samples = List.copyOf(samples);
            keys = List.copyOf(keys);
        }
    }

    private Shd() { }

    /** Reads every sample of an SHD file. */
    public static Contents read(Path file) throws IOException {
        Hdf5Header.check(file);
        try (HdfFile h = new HdfFile(file)) {
            Object[] times = vlen(file, h, "/spikes/times");
            Object[] units = vlen(file, h, "/spikes/units");
            int[] labels = ints(file, h, "/labels");
            int[] speakers = has(h, "/extra/speaker") ? ints(file, h, "/extra/speaker") : new int[labels.length];
            if (times.length != units.length || times.length != labels.length || speakers.length != labels.length)
                throw new IOException(file + ": SHD datasets disagree: " + times.length + " times, " + units.length + " units, "
                        + labels.length + " labels, " + speakers.length + " speakers");
            List<Sample> samples = new ArrayList<>(labels.length);
            for (int i = 0; i < labels.length; i++) samples.add(new Sample(sample(file, i, times[i], units[i]), labels[i], speakers[i]));
            return new Contents(samples, has(h, "/extra/keys") ? keys(h) : List.of());
        } catch (HdfException | ClassCastException e) {
            throw new IOException(file + ": corrupt HDF5 file (" + e.getMessage() + "); jHDF reports no byte offset", e);
        }
    }

    /** The events of sample {@code i}; units outside 0..699 or negative/non-finite times are errors. */
    static Events sample(Path file, int i, Object timesObj, Object unitsObj) throws IOException {
        double[] ts = doubles(timesObj);
        int[] us = intsOf(unitsObj);
        if (ts.length != us.length) throw new IOException(file + ": sample " + i + " has " + ts.length + " times but " + us.length + " units");
        long[] t = new long[ts.length];
        int[] x = new int[ts.length];
        for (int k = 0; k < ts.length; k++) {
            if (!(ts[k] >= 0) || Double.isInfinite(ts[k])) throw new IOException(file + ": /spikes/times[" + i + "][" + k + "] = " + ts[k] + " is not a time >= 0");
            if (us[k] < 0 || us[k] >= CHANNELS) throw new IOException(file + ": /spikes/units[" + i + "][" + k + "] = " + us[k] + " outside 0..699");
            t[k] = Math.round(ts[k] * 1e6);
            x[k] = us[k];
        }
        byte[] p = new byte[ts.length];
        Arrays.fill(p, (byte) 1);
        return new Events(CHANNELS, 1, x, new int[ts.length], t, p).sorted();
    }

    private static boolean has(HdfFile h, String path) {
        try {
            return h.getByPath(path) != null;
        } catch (HdfException e) {
            return false;
        }
    }

    private static Dataset dataset(Path file, HdfFile h, String path) throws IOException {
        Node n;
        try {
            n = h.getByPath(path);
        } catch (HdfException e) {
            throw new IOException(file + ": no dataset " + path + " (not an SHD file?)");
        }
        if (!(n instanceof Dataset d)) throw new IOException(file + ": " + path + " is not a dataset (not an SHD file?)");
        return d;
    }

    private static Object[] vlen(Path file, HdfFile h, String path) throws IOException {
        Object o = dataset(file, h, path).getData();
        if (!(o instanceof Object[] a)) throw new IOException(file + ": " + path + " is not a variable-length 1-D dataset");
        return a;
    }

    private static int[] ints(Path file, HdfFile h, String path) throws IOException {
        Object o = dataset(file, h, path).getData();
        try {
            return intsOf(o);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + path + " is not a 1-D integer dataset");
        }
    }

    private static List<String> keys(HdfFile h) {
        Object o = h.getDatasetByPath("/extra/keys").getData();
        List<String> out = new ArrayList<>();
        if (o instanceof Object[] a) for (Object k : a) out.add(String.valueOf(k));
        return out;
    }

    static int[] intsOf(Object o) {
        if (o instanceof int[] a) return a;
        if (o instanceof long[] a) return Arrays.stream(a).mapToInt(Math::toIntExact).toArray();
        if (o instanceof short[] a) { int[] r = new int[a.length]; for (int i = 0; i < a.length; i++) r[i] = a[i]; return r; }
        if (o instanceof byte[] a) { int[] r = new int[a.length]; for (int i = 0; i < a.length; i++) r[i] = a[i] & 0xFF; return r; }
        throw new IllegalArgumentException("not an integer array: " + (o == null ? "null" : o.getClass().getSimpleName()));
    }

    static double[] doubles(Object o) {
        if (o instanceof double[] a) return a;
        if (o instanceof float[] a) { double[] r = new double[a.length]; for (int i = 0; i < a.length; i++) r[i] = a[i]; return r; }
        return Arrays.stream(intsOf(o)).asDoubleStream().toArray();
    }
}

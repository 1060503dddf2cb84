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

    /**
     * Reads every sample of an SHD file. A corrupt file, or datasets of the wrong type or shape, give
     * one {@link IOException} naming the file and the dataset (jHDF reports no byte offsets).
     */
    public static Contents read(Path file) throws IOException {
        Hdf5Header.check(file);
        // jHDF over the bytes in memory, not over the file channel: there a garbled length makes it allocate
        // that many bytes and re-read the same address until they are full (seconds to minutes); in memory
        // a read past the end fails at once
        byte[] bytes = Bytes.readAll(file, "an SHD HDF5 file");
        try (HdfFile h = HdfFile.fromBytes(bytes)) {
            Object[] times = vlen(file, h, "/spikes/times");
            Object[] units = vlen(file, h, "/spikes/units");
            int[] labels = ints(file, h, "/labels");
            int[] speakers = has(h, "/extra/speaker") ? ints(file, h, "/extra/speaker") : new int[labels.length];
            if (times.length != units.length || times.length != labels.length || speakers.length != labels.length)
                throw new IOException(file + ": SHD datasets disagree: " + times.length + " times, " + units.length + " units, "
                        + labels.length + " labels, " + speakers.length + " speakers");
            List<Sample> samples = new ArrayList<>(labels.length);
            for (int i = 0; i < labels.length; i++) samples.add(new Sample(sample(file, i, times[i], units[i]), labels[i], speakers[i]));
            return new Contents(samples, has(h, "/extra/keys") ? keys(file, h) : List.of());
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new IOException(file + ": corrupt HDF5 file (" + Hdf5Header.oneLine(e) + "); jHDF reports no byte offset", e);
        }
    }

    /** The events of sample {@code i}; units outside 0..699, negative/non-finite times or non-numeric arrays are errors. */
    static Events sample(Path file, int i, Object timesObj, Object unitsObj) throws IOException {
        double[] ts = doubles(timesObj);
        if (ts == null) throw wrongType(file, "/spikes/times[" + i + "]", timesObj, "a variable-length float array");
        int[] us = intsOf(unitsObj);
        if (us == null) throw wrongType(file, "/spikes/units[" + i + "]", unitsObj, "a variable-length integer array");
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

    private static IOException wrongType(Path file, String path, Object found, String expected) {
        return new IOException(file + ": " + path + " is " + typeName(found) + ", expected " + expected + " (wrong dataset type: not an SHD file?)");
    }

    private static String typeName(Object o) {
        return o == null ? "null" : o.getClass().isArray() ? o.getClass().getComponentType().getSimpleName() + "[]" : "a " + o.getClass().getSimpleName();
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
        Hdf5Header.checkSize(file, d, path);
        return d;
    }

    private static Object[] vlen(Path file, HdfFile h, String path) throws IOException {
        Object o = dataset(file, h, path).getData();
        if (!(o instanceof Object[] a)) throw wrongType(file, path, o, "a variable-length 1-D dataset");
        return a;
    }

    private static int[] ints(Path file, HdfFile h, String path) throws IOException {
        Object o = dataset(file, h, path).getData();
        int[] a = intsOf(o);
        if (a == null) throw wrongType(file, path, o, "a 1-D integer dataset");
        return a;
    }

    private static List<String> keys(Path file, HdfFile h) throws IOException {
        Object o = dataset(file, h, "/extra/keys").getData();
        List<String> out = new ArrayList<>();
        if (o instanceof Object[] a) for (Object k : a) out.add(String.valueOf(k));
        return out;
    }

    /** The values of a 1-D integer array (longs beyond the int range saturate, so range checks refuse them), or null for any other object. */
    static int[] intsOf(Object o) {
        if (o instanceof int[] a) return a;
        if (o instanceof long[] a) return Arrays.stream(a).mapToInt(v -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v))).toArray();
        if (o instanceof short[] a) { int[] r = new int[a.length]; for (int i = 0; i < a.length; i++) r[i] = a[i]; return r; }
        if (o instanceof byte[] a) { int[] r = new int[a.length]; for (int i = 0; i < a.length; i++) r[i] = a[i] & 0xFF; return r; }
        return null;
    }

    /** The values of a 1-D float or integer array, or null for any other object. */
    static double[] doubles(Object o) {
        if (o instanceof double[] a) return a;
        if (o instanceof float[] a) { double[] r = new double[a.length]; for (int i = 0; i < a.length; i++) r[i] = a[i]; return r; }
        int[] ints = intsOf(o);
        return ints == null ? null : Arrays.stream(ints).asDoubleStream().toArray();
    }
}

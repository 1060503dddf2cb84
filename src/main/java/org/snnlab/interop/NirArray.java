package org.snnlab.interop;

import java.util.Arrays;

/**
 * One numeric dataset of a NIR file: its shape (empty for a scalar) and its values in row-major (C)
 * order, held as doubles (float32 and int64 values convert exactly within 2^53), with the element
 * type the file stores them as.
 *
 * @param shape  dimensions, {@code []} for a scalar
 * @param values {@code prod(shape)} values, row-major
 * @param kind   the stored element type
 */
public record NirArray(long[] shape, double[] values, Kind kind) {

    /** The element type a dataset is stored as. */
    public enum Kind { FLOAT32, FLOAT64, INT64 }

    public NirArray {
        if (shape == null || values == null || kind == null) throw new IllegalArgumentException("shape, values and kind must not be null");
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n != values.length)
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + values.length);
    }

    /** A float32 array. */
    public static NirArray f32(long[] shape, double[] values) { return new NirArray(shape, values, Kind.FLOAT32); }

    /** A float64 array. */
    public static NirArray f64(long[] shape, double[] values) { return new NirArray(shape, values, Kind.FLOAT64); }

    /** An int64 vector. */
    public static NirArray ints(long... values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) v[i] = values[i];
        return new NirArray(new long[]{values.length}, v, Kind.INT64);
    }

    /** An int64 scalar. */
    public static NirArray scalar(long value) { return new NirArray(new long[0], new double[]{value}, Kind.INT64); }

    /** A float64 scalar. */
    public static NirArray scalar(double value) { return new NirArray(new long[0], new double[]{value}, Kind.FLOAT64); }

    /** {@code n} copies of {@code value} as a float64 array of {@code shape}. */
    public static NirArray filled(long[] shape, double value) {
        long n = 1;
        for (long d : shape) n *= d;
        double[] v = new double[Math.toIntExact(n)];
        Arrays.fill(v, value);
        return f64(shape, v);
    }

    public int size() { return values.length; }

    public boolean isScalar() { return shape.length == 0; }

    public double get(int i) { return values[i]; }

    /** The values as longs (for integer fields such as strides). */
    public long[] longs() {
        long[] l = new long[values.length];
        for (int i = 0; i < l.length; i++) l[i] = (long) values[i];
        return l;
    }

    @Override
    public long[] shape() { return shape.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof NirArray a && Arrays.equals(shape, a.shape) && Arrays.equals(values, a.values) && kind == a.kind;
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values); }

    @Override
    public String toString() { return kind + Arrays.toString(shape); }
}

package org.snnlab.data.event;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a static greyscale image into a DVS event stream the way N-MNIST was recorded (Orchard et al.
 * 2015): the image sits on a {@code sensor x sensor} array and the "camera" makes three saccades along
 * the sides of a triangle, each lasting {@code saccadeMs}. Each pixel is a DVS pixel model:
 * <pre>  L = ln(I + eps);  ON event when L - L_ref >= theta_on(x,y), OFF when L_ref - L >= theta_off(x,y);
 *   L_ref moves by theta per event; theta = C * (1 + sigma * N(0,1)) per pixel and polarity (mismatch);
 *   no event within the refractory period; background noise events at rate r per pixel.</pre>
 * The scene is rendered every {@code stepUs} with bilinear interpolation; event times get a uniform
 * jitter within the step. Seeded: the same image and seed give the same events.
 *
 * @param sensor       sensor side in pixels (34 for N-MNIST)
 * @param saccadeMs    duration of one saccade (N-MNIST: ~100 ms)
 * @param amplitude    saccade length in pixels
 * @param stepUs       simulation step in microseconds
 * @param contrast     mean contrast threshold C on log intensity
 * @param mismatch     relative per-pixel threshold spread sigma
 * @param refractoryUs refractory period after an event
 * @param noiseHz      background events per pixel per second
 */
public record DvsEmulator(int sensor, double saccadeMs, double amplitude, int stepUs, double contrast, double mismatch,
                          long refractoryUs, double noiseHz) {
    public DvsEmulator {
        if (sensor < 2) throw new IllegalArgumentException("sensor must be >= 2 pixels, got " + sensor);
        if (!(saccadeMs > 0 && amplitude >= 0 && stepUs > 0 && contrast > 0 && mismatch >= 0 && refractoryUs >= 0 && noiseHz >= 0))
            throw new IllegalArgumentException("bad emulator parameters");
    }

    /** N-MNIST-like defaults: 34x34, 3 x 100 ms saccades of 3 px, 1 ms steps, C = 0.3, 3% mismatch, 1 ms refractory, 0.2 Hz noise. */
    public static DvsEmulator nmnistLike() {
        return new DvsEmulator(34, 100, 3, 1000, 0.3, 0.03, 1000, 0.2);
    }

    /**
     * N-Fashion-MNIST on N-MNIST's 34x34 sensor, the catalog's {@code nfashion-emulated} (FastSpiker's
     * and Rouser's notebooks): as {@link #nmnistLike()} but with saccades of 2 px (the 28x28 image then
     * stays inside the sensor): {@code new DvsEmulator(34, 100, 2, 1000, 0.3, 0.03, 1000, 0.2)}.
     */
    public static DvsEmulator nfashion34() {
        return new DvsEmulator(34, 100, 2, 1000, 0.3, 0.03, 1000, 0.2);
    }

    /**
     * N-Fashion-MNIST on a 32x32 sensor, the catalog's {@code nfashion-emulated-32}: the input size of
     * QSNN's event-data network (its DVS128 Gesture frames downsampled to 32x32), otherwise as
     * {@link #nfashion34()}: {@code new DvsEmulator(32, 100, 2, 1000, 0.3, 0.03, 1000, 0.2)}.
     */
    public static DvsEmulator nfashion32() {
        return new DvsEmulator(32, 100, 2, 1000, 0.3, 0.03, 1000, 0.2);
    }

    /** Events of an image ({@code h x w} values in [0, 1], row-major), centred on the sensor. */
    public Events emulate(float[] image, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = sensor * sensor;
        double[] thOn = new double[n], thOff = new double[n], ref = new double[n];
        long[] last = new long[n];
        for (int i = 0; i < n; i++) {
            thOn[i] = contrast * Math.max(0.2, 1 + mismatch * gauss(r));
            thOff[i] = contrast * Math.max(0.2, 1 + mismatch * gauss(r));
            last[i] = Long.MIN_VALUE / 2;
        }
        double[][] path = {{0, 0}, {amplitude, amplitude}, {-amplitude, amplitude}, {0, 0}}; // triangle, as N-MNIST
        long steps = Math.round(3 * saccadeMs * 1000 / stepUs);
        render(image, h, w, 0, 0, ref);
        List<long[]> ev = new ArrayList<>();
        double[] lum = new double[n];
        for (long s = 1; s <= steps; s++) {
            double u = (double) s / steps * 3;
            int seg = Math.min(2, (int) u);
            double f = u - seg;
            render(image, h, w, path[seg][0] + f * (path[seg + 1][0] - path[seg][0]),
                    path[seg][1] + f * (path[seg + 1][1] - path[seg][1]), lum);
            long t = s * stepUs;
            for (int i = 0; i < n; i++) {
                double d = lum[i] - ref[i];
                int pol = d >= thOn[i] ? 1 : -d >= thOff[i] ? 0 : -1;
                if (pol < 0) {
                    if (noiseHz > 0 && r.nextDouble() < noiseHz * stepUs / 1e6) ev.add(event(i, t, r.nextInt(2), r));
                    continue;
                }
                if (t - last[i] < refractoryUs) continue;
                int k = (int) Math.floor(Math.abs(d) / (pol == 1 ? thOn[i] : thOff[i]));
                ref[i] += pol == 1 ? k * thOn[i] : -k * thOff[i];
                last[i] = t;
                ev.add(event(i, t, pol, r));
            }
        }
        ev.sort((a, b) -> Long.compare(a[2], b[2]));
        int[] x = new int[ev.size()], y = new int[ev.size()];
        long[] ts = new long[ev.size()];
        byte[] p = new byte[ev.size()];
        for (int i = 0; i < ev.size(); i++) {
            x[i] = (int) ev.get(i)[0];
            y[i] = (int) ev.get(i)[1];
            ts[i] = ev.get(i)[2];
            p[i] = (byte) ev.get(i)[3];
        }
        return new Events(sensor, sensor, x, y, ts, p);
    }

    private long[] event(int pixel, long t, int pol, SplittableRandom r) {
        return new long[]{pixel % sensor, pixel / sensor, t - stepUs + 1 + r.nextInt(stepUs), pol};
    }

    /** Log intensity of the image shifted by {@code (dx, dy)} and centred, bilinear, black outside. */
    private void render(float[] img, int h, int w, double dx, double dy, double[] out) {
        double ox = (sensor - w) / 2.0 + dx, oy = (sensor - h) / 2.0 + dy;
        for (int y = 0; y < sensor; y++)
            for (int x = 0; x < sensor; x++) {
                double sx = x - ox, sy = y - oy;
                int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
                double fx = sx - x0, fy = sy - y0, v = 0;
                v += (1 - fx) * (1 - fy) * px(img, h, w, x0, y0) + fx * (1 - fy) * px(img, h, w, x0 + 1, y0)
                        + (1 - fx) * fy * px(img, h, w, x0, y0 + 1) + fx * fy * px(img, h, w, x0 + 1, y0 + 1);
                out[y * sensor + x] = Math.log(v + 0.05);
            }
    }

    private static double px(float[] img, int h, int w, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : img[y * w + x];
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}

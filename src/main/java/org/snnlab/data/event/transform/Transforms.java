package org.snnlab.data.event.transform;

import org.snnlab.data.event.Events;

import java.util.Arrays;

/**
 * Event-stream transforms with Tonic's semantics: {@link #denoise} / {@link #denoiseTonic}, {@link #downsample},
 * {@link #crop}, {@link #centerCrop}, {@link #timeJitter}, {@link #dropEvents}, {@link #timeShift}.
 */
public final class Transforms {
    private Transforms() { }

    /** Keeps the events flagged in {@code keep}, on a sensor of the given size, with new coordinates. */
    static Events select(Events e, boolean[] keep, int width, int height, int dx, int dy, int factor) {
        int n = 0;
        for (boolean k : keep) if (k) n++;
        int[] x = new int[n], y = new int[n];
        long[] t = new long[n];
        byte[] p = new byte[n];
        for (int i = 0, j = 0; i < e.size(); i++) {
            if (!keep[i]) continue;
            x[j] = (e.x(i) - dx) / factor;
            y[j] = (e.y(i) - dy) / factor;
            t[j] = e.t(i);
            p[j++] = (byte) e.p(i);
        }
        return new Events(width, height, x, y, t, p);
    }

    /**
     * Drops isolated events: an event survives when one of its 8 neighbours (not the pixel itself) had
     * an event less than {@code filterUs} microseconds earlier ({@code t - t_neighbour < filterUs}), the
     * rule of Tonic's Denoise widened to the 8-neighbourhood. Pixels that never fired do not count.
     * Time-sorted input.
     */
    public static EventTransform denoise(long filterUs) {
        return EventTransform.named("denoise(filter_us=" + filterUs + ")", denoiser(filterUs, EIGHT, false));
    }

    /**
     * Exactly Tonic's {@code denoise_numpy} (tonic 1.x): the 4-neighbourhood (left, right, up, down),
     * a per-pixel memory {@code t + filterUs} that starts at {@code filterUs} everywhere, and an event
     * kept when a neighbour's memory is {@code > t}. That start value keeps every event earlier than
     * {@code filterUs} (Tonic's behaviour, reproduced for parity). Time-sorted input.
     */
    public static EventTransform denoiseTonic(long filterUs) {
        return EventTransform.named("denoise_tonic(filter_us=" + filterUs + ")", denoiser(filterUs, FOUR, true));
    }

    private static final int[][] EIGHT = {{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}};
    private static final int[][] FOUR = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};

    private static EventTransform denoiser(long filterUs, int[][] neighbours, boolean tonicStart) {
        if (filterUs <= 0) throw new IllegalArgumentException("filter time must be > 0 us, got " + filterUs);
        return (e, r) -> {
            int w = e.width(), h = e.height();
            long[] until = new long[w * h]; // t + filterUs of the pixel's last event
            Arrays.fill(until, tonicStart ? filterUs : Long.MIN_VALUE);
            boolean[] keep = new boolean[e.size()];
            for (int i = 0; i < e.size(); i++) {
                int x = e.x(i), y = e.y(i);
                long t = e.t(i);
                until[y * w + x] = t + filterUs;
                for (int[] d : neighbours) {
                    int xx = x + d[0], yy = y + d[1];
                    if (xx >= 0 && xx < w && yy >= 0 && yy < h && until[yy * w + xx] > t) { keep[i] = true; break; }
                }
            }
            return select(e, keep, w, h, 0, 0, 1);
        };
    }

    /** Spatial downsampling by an integer factor: {@code x / f, y / f} on a {@code ceil(W/f) x ceil(H/f)} sensor. */
    public static EventTransform downsample(int factor) {
        if (factor < 1) throw new IllegalArgumentException("downsample factor must be >= 1, got " + factor);
        return EventTransform.named("downsample(factor=" + factor + ")", (e, r) -> {
            boolean[] all = new boolean[e.size()];
            Arrays.fill(all, true);
            return select(e, all, (e.width() + factor - 1) / factor, (e.height() + factor - 1) / factor, 0, 0, factor);
        });
    }

    /** Keeps the events inside the {@code w x h} window at {@code (x0, y0)}, shifted to the origin. */
    public static EventTransform crop(int x0, int y0, int w, int h) {
        if (x0 < 0 || y0 < 0 || w < 1 || h < 1) throw new IllegalArgumentException("bad crop " + x0 + "," + y0 + " " + w + "x" + h);
        return EventTransform.named("crop(x=" + x0 + ",y=" + y0 + ",w=" + w + ",h=" + h + ")", (e, r) -> {
            if (x0 + w > e.width() || y0 + h > e.height())
                throw new IllegalArgumentException("crop " + w + "x" + h + " at " + x0 + "," + y0 + " exceeds the " + e.width() + "x" + e.height() + " sensor");
            boolean[] keep = new boolean[e.size()];
            for (int i = 0; i < e.size(); i++)
                keep[i] = e.x(i) >= x0 && e.x(i) < x0 + w && e.y(i) >= y0 && e.y(i) < y0 + h;
            return select(e, keep, w, h, x0, y0, 1);
        });
    }

    /** The centred {@code w x h} window. */
    public static EventTransform centerCrop(int w, int h) {
        return EventTransform.named("center_crop(w=" + w + ",h=" + h + ")", (e, r) -> crop((e.width() - w) / 2, (e.height() - h) / 2, w, h).apply(e, r));
    }

    /** Adds Gaussian noise of standard deviation {@code stdUs} to every time stamp, then re-sorts by time. */
    public static EventTransform timeJitter(double stdUs) {
        if (!(stdUs >= 0)) throw new IllegalArgumentException("jitter std must be >= 0, got " + stdUs);
        return EventTransform.named("time_jitter(std_us=" + stdUs + ")", (e, r) -> {
            long[] t = new long[e.size()];
            for (int i = 0; i < t.length; i++) {
                double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
                t[i] = Math.max(0, Math.round(e.t(i) + g * stdUs));
            }
            return sortedCopy(e, t);
        });
    }

    /** Drops each event independently with probability {@code p}. */
    public static EventTransform dropEvents(double p) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("drop probability must be in [0, 1), got " + p);
        return EventTransform.named("drop_events(p=" + p + ")", (e, r) -> {
            boolean[] keep = new boolean[e.size()];
            for (int i = 0; i < keep.length; i++) keep[i] = r.nextDouble() >= p;
            return select(e, keep, e.width(), e.height(), 0, 0, 1);
        });
    }

    /** Shifts all time stamps by one uniform draw in {@code [0, maxUs]} (FastSpiker's random time shift). */
    public static EventTransform timeShift(long maxUs) {
        if (maxUs < 0) throw new IllegalArgumentException("max shift must be >= 0, got " + maxUs);
        return EventTransform.named("time_shift(max_us=" + maxUs + ")", (e, r) -> {
            long s = maxUs == 0 ? 0 : r.nextLong(maxUs + 1);
            long[] t = new long[e.size()];
            for (int i = 0; i < t.length; i++) t[i] = e.t(i) + s;
            return sortedCopy(e, t);
        });
    }

    static Events sortedCopy(Events e, long[] t) {
        Integer[] order = new Integer[e.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b]));
        int[] x = new int[order.length], y = new int[order.length];
        long[] tt = new long[order.length];
        byte[] p = new byte[order.length];
        for (int i = 0; i < order.length; i++) {
            x[i] = e.x(order[i]);
            y[i] = e.y(order[i]);
            tt[i] = t[order[i]];
            p[i] = (byte) e.p(order[i]);
        }
        return new Events(e.width(), e.height(), x, y, tt, p);
    }
}

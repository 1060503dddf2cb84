package org.snnlab.data.event;

import java.util.Arrays;

/**
 * An event stream from a dynamic vision (or audio) sensor: for each event its x, y, time stamp t in
 * microseconds and polarity p (1 = ON / brighter, 0 = OFF), stored as parallel arrays, with the
 * sensor's size. Immutable; validated on construction (same lengths, coordinates inside the sensor,
 * polarity 0/1). Time order is not required (jittered streams are unordered for a moment);
 * {@link #isSorted()} tells and {@link #sorted()} fixes it. Slicing by index ({@link #slice}, {@link #chunks})
 * and by time ({@link #between}).
 */
public final class Events {
    private final int width;
    private final int height;
    private final int[] x;
    private final int[] y;
    private final long[] t;
    private final byte[] p;

    public Events(int width, int height, int[] x, int[] y, long[] t, byte[] p) {
        this(width, height, x, y, t, p, true);
    }

    /** Events over arrays the caller just made and hands over (not copied; a reader's own arrays). */
    static Events adopt(int width, int height, int[] x, int[] y, long[] t, byte[] p) {
        return new Events(width, height, x, y, t, p, false);
    }

    private Events(int width, int height, int[] x, int[] y, long[] t, byte[] p, boolean copy) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("sensor size must be >= 1x1, got " + width + "x" + height);
        int n = x.length;
        if (y.length != n || t.length != n || p.length != n)
            throw new IllegalArgumentException("x, y, t, p lengths differ: " + n + ", " + y.length + ", " + t.length + ", " + p.length);
        for (int i = 0; i < n; i++) {
            if (x[i] < 0 || x[i] >= width || y[i] < 0 || y[i] >= height)
                throw new IllegalArgumentException("event " + i + " at (" + x[i] + "," + y[i] + ") outside the " + width + "x" + height + " sensor");
            if (p[i] != 0 && p[i] != 1) throw new IllegalArgumentException("event " + i + " has polarity " + p[i] + ", expected 0 or 1");
        }
        this.width = width;
        this.height = height;
        this.x = copy ? x.clone() : x;
        this.y = copy ? y.clone() : y;
        this.t = copy ? t.clone() : t;
        this.p = copy ? p.clone() : p;
    }

    public int size() { return x.length; }

    public int width() { return width; }

    public int height() { return height; }

    public int x(int i) { return x[i]; }

    public int y(int i) { return y[i]; }

    public long t(int i) { return t[i]; }

    public int p(int i) { return p[i]; }

    /** Time from the first to the last event, microseconds (0 when fewer than two events). */
    public long duration() {
        if (size() < 2) return 0;
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        for (long v : t) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        return hi - lo;
    }

    /** Number of ON events. */
    public int onCount() {
        int c = 0;
        for (byte v : p) c += v;
        return c;
    }

    /** Whether time stamps never decrease. */
    public boolean isSorted() {
        for (int i = 1; i < t.length; i++) if (t[i] < t[i - 1]) return false;
        return true;
    }

    /** Events {@code [from, to)} by index. */
    public Events slice(int from, int to) {
        if (from < 0 || to > size() || from > to) throw new IllegalArgumentException("bad slice [" + from + "," + to + ") of " + size());
        return new Events(width, height, Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to),
                Arrays.copyOfRange(t, from, to), Arrays.copyOfRange(p, from, to));
    }

    /** Events with {@code start <= t < end}, found by binary search (time-sorted streams; see {@link #sorted()}). */
    public Events between(long start, long end) {
        if (!isSorted()) throw new IllegalStateException("between() needs time-sorted events; call sorted() first");
        return slice(lowerBound(start), lowerBound(Math.max(start, end)));
    }

    /** The first index whose time stamp is {@code >= v} (size() when none). */
    private int lowerBound(long v) {
        int lo = 0, hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** Consecutive pieces of {@code count} events (the last one may be shorter). */
    public java.util.List<Events> chunks(int count) {
        if (count < 1) throw new IllegalArgumentException("chunk size must be >= 1, got " + count);
        java.util.List<Events> out = new java.util.ArrayList<>();
        for (int i = 0; i < size(); i += count) out.add(slice(i, Math.min(size(), i + count)));
        return out;
    }

    /** The same events ordered by time stamp; a stable sort, so equal time stamps keep their order. */
    public Events sorted() {
        if (isSorted()) return this;
        Integer[] order = new Integer[size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b]));
        int[] xx = new int[order.length], yy = new int[order.length];
        long[] tt = new long[order.length];
        byte[] pp = new byte[order.length];
        for (int i = 0; i < order.length; i++) {
            int k = order[i];
            xx[i] = x[k];
            yy[i] = y[k];
            tt[i] = t[k];
            pp[i] = p[k];
        }
        return new Events(width, height, xx, yy, tt, pp);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Events e && width == e.width && height == e.height && Arrays.equals(x, e.x)
                && Arrays.equals(y, e.y) && Arrays.equals(t, e.t) && Arrays.equals(p, e.p);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(t) * 31 + size();
    }

    @Override
    public String toString() {
        return size() + " events on " + width + "x" + height + " over " + duration() + " us";
    }
}

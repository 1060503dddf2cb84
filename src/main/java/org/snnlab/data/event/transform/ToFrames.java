package org.snnlab.data.event.transform;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.data.event.Events;

/**
 * Events to frames {@code [frames, 2, H, W]} (channel 0 = OFF, 1 = ON, as Tonic's ToFrame), by one of
 * three slicings: fixed time windows, fixed event counts, or a fixed number of equal-time bins over
 * the stream. Each frame counts events per pixel and polarity, or marks them 0/1 when {@code binary}.
 */
public final class ToFrames {
    /** How a stream is sliced into frames. */
    public enum Mode { TIME_WINDOW, EVENT_COUNT, BINS }

    private final Mode mode;
    private final long value;
    private final boolean binary;

    /**
     * @param value window length in microseconds (TIME_WINDOW), events per frame (EVENT_COUNT), or
     *              number of bins (BINS)
     */
    public ToFrames(Mode mode, long value, boolean binary) {
        if (value < 1) throw new IllegalArgumentException(mode + " needs a value >= 1, got " + value);
        this.mode = mode;
        this.value = value;
        this.binary = binary;
    }

    /** The frame index of every event. */
    private int[] frameOf(Events e, long[] count) {
        int[] f = new int[e.size()];
        long t0 = e.size() == 0 ? 0 : e.t(0), span = e.size() == 0 ? 1 : e.t(e.size() - 1) - t0 + 1;
        int max = 0;
        for (int i = 0; i < f.length; i++) {
            f[i] = switch (mode) {
                case TIME_WINDOW -> (int) ((e.t(i) - t0) / value);
                case EVENT_COUNT -> (int) (i / value);
                case BINS -> (int) Math.min(value - 1, (e.t(i) - t0) * value / span);
            };
            max = Math.max(max, f[i]);
        }
        count[0] = mode == Mode.BINS ? value : (e.size() == 0 ? 0 : max + 1);
        return f;
    }

    /** Frames {@code [F, 2, H, W]} as float32. Time-sorted input. */
    public INDArray apply(Events e) {
        long[] n = new long[1];
        float[] v = frames(e, n);
        return Nd4j.create(v, new long[]{n[0], 2, e.height(), e.width()}, 'c');
    }

    /**
     * The same frames as a plain C-order array (no ND4J: safe in worker threads and cheap to copy);
     * {@code count[0]} receives the number of frames F.
     */
    public float[] frames(Events e, long[] count) {
        if (!e.isSorted()) throw new IllegalArgumentException("events must be sorted by time to be framed");
        int[] f = frameOf(e, count);
        int frames = (int) count[0], h = e.height(), w = e.width(), plane = h * w;
        float[] v = new float[frames * 2 * plane];
        for (int i = 0; i < e.size(); i++) {
            int k = ((f[i] * 2 + e.p(i)) * h + e.y(i)) * w + e.x(i);
            v[k] = binary ? 1f : v[k] + 1f;
        }
        return v;
    }

    @Override
    public String toString() {
        return "to_frames(" + mode.name().toLowerCase() + "=" + value + (binary ? ",binary" : ",counts") + ")";
    }
}

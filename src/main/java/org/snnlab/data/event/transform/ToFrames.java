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

    /** How the stream is sliced. */
    public Mode mode() { return mode; }

    /** Window length (us), events per frame, or number of bins, by {@link #mode()}. */
    public long value() { return value; }

    /** Whether frames mark events 0/1 rather than count them. */
    public boolean binary() { return binary; }

    /** Number of frames the stream gives: {@code value} for BINS, else up to the last event's frame (0 when empty). */
    public long frameCount(Events e) {
        if (mode == Mode.BINS) return value;
        return e.size() == 0 ? 0 : frame(e, e.size() - 1, e.t(0), span(e)) + 1L;
    }

    private static long span(Events e) {
        return e.size() == 0 ? 1 : e.t(e.size() - 1) - e.t(0) + 1;
    }

    /** The frame of event {@code i}; the events are time-sorted, so the last event has the largest. */
    private int frame(Events e, int i, long t0, long span) {
        return switch (mode) {
            case TIME_WINDOW -> (int) ((e.t(i) - t0) / value);
            case EVENT_COUNT -> (int) (i / value);
            case BINS -> (int) Math.min(value - 1, (e.t(i) - t0) * value / span);
        };
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
        count[0] = frameCount(e);
        float[] v = new float[Math.toIntExact(count[0] * 2 * e.height() * e.width())];
        framesInto(e, v, 0, (int) count[0]);
        return v;
    }

    /**
     * Writes the first {@code maxFrames} frames {@code [maxFrames, 2, H, W]} into {@code dst} from
     * {@code offset} (the region is cleared first; frames the stream does not reach stay zero; events
     * in later frames are dropped): the framing without an intermediate array, e.g. straight into a
     * batch buffer. Time-sorted input.
     */
    public void framesInto(Events e, float[] dst, int offset, int maxFrames) {
        if (!e.isSorted()) throw new IllegalArgumentException("events must be sorted by time to be framed");
        int h = e.height(), w = e.width(), plane = h * w;
        java.util.Arrays.fill(dst, offset, offset + maxFrames * 2 * plane, 0f);
        long t0 = e.size() == 0 ? 0 : e.t(0), span = span(e);
        for (int i = 0; i < e.size(); i++) {
            int f = frame(e, i, t0, span);
            if (f >= maxFrames) break;
            int k = offset + ((f * 2 + e.p(i)) * h + e.y(i)) * w + e.x(i);
            dst[k] = binary ? 1f : dst[k] + 1f;
        }
    }

    @Override
    public String toString() {
        return "to_frames(" + mode.name().toLowerCase() + "=" + value + (binary ? ",binary" : ",counts") + ")";
    }
}

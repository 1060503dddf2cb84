package org.snnlab.data.event;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.data.event.transform.ToFrames;
import org.snnlab.data.event.transform.Transforms;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event transforms on tiny streams checked by hand. */
class TransformsTest {
    static final SplittableRandom R = new SplittableRandom(1);

    // (x, y, t, p): a pair of neighbours at (1,1) and (2,1), an isolated event at (5,5), a late repeat
    static Events tiny() {
        return new Events(8, 6, new int[]{1, 2, 5, 2}, new int[]{1, 1, 5, 1}, new long[]{0, 100, 150, 5000}, new byte[]{1, 0, 1, 1});
    }

    @Test
    void framesByTimeCountAndBins() {
        INDArray byTime = new ToFrames(ToFrames.Mode.TIME_WINDOW, 1000, false).apply(tiny());
        assertEquals(6, byTime.size(0), "t in [0, 5000]: 6 windows of 1000 us");
        assertEquals(1f, byTime.getFloat(0, 1, 1, 1), "ON at (1,1) in frame 0");
        assertEquals(1f, byTime.getFloat(0, 0, 1, 2), "OFF at (2,1) in frame 0");
        assertEquals(1f, byTime.getFloat(5, 1, 1, 2), "the late event in the last frame");
        INDArray byCount = new ToFrames(ToFrames.Mode.EVENT_COUNT, 2, false).apply(tiny());
        assertEquals(2, byCount.size(0));
        assertEquals(2.0, byCount.slice(1).sumNumber().doubleValue(), 0, "two events per frame");
        INDArray bins = new ToFrames(ToFrames.Mode.BINS, 3, true).apply(tiny());
        assertEquals(3, bins.size(0));
        assertEquals(3.0, bins.slice(0).sumNumber().doubleValue(), 0, "first three events in the first third");
    }

    @Test
    void denoiseKeepsEventsWithRecentNeighbours() {
        Events d = Transforms.denoise(200).apply(tiny(), R);
        assertEquals(1, d.size(), "only (2,1) at t=100 had a neighbour (1,1) within 200 us");
        assertEquals(2, d.x(0));
    }

    @Test
    void downsampleCropAndCenterCrop() {
        Events ds = Transforms.downsample(2).apply(tiny(), R);
        assertEquals(4, ds.width());
        assertEquals(3, ds.height());
        assertEquals(1, ds.x(1));
        Events c = Transforms.crop(1, 1, 2, 1).apply(tiny(), R);
        assertEquals(3, c.size());
        assertEquals(0, c.x(0));
        Events cc = Transforms.centerCrop(4, 4).then(Transforms.downsample(1)).apply(tiny(), R);
        assertEquals(4, cc.width());
        assertThrows(IllegalArgumentException.class, () -> Transforms.crop(6, 0, 4, 4).apply(tiny(), R));
    }

    @Test
    void randomTransformsAreSeededAndKeepOrder() {
        Events a = Transforms.timeJitter(50).then(Transforms.dropEvents(0.25)).then(Transforms.timeShift(1000)).apply(tiny(), new SplittableRandom(7));
        Events b = Transforms.timeJitter(50).then(Transforms.dropEvents(0.25)).then(Transforms.timeShift(1000)).apply(tiny(), new SplittableRandom(7));
        assertEquals(a, b, "same seed, same result");
        assertTrue(a.isSorted());
    }
}

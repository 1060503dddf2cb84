package org.snnlab.data.event;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.data.FramesEncoder;
import org.snnlab.data.InMemoryDataset;
import org.snnlab.core.Seq;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DVS emulator: seeded, saccade-driven events at edges, none from a blank image but noise; framing. */
class EmulatorTest {

    static float[] square() {
        float[] img = new float[28 * 28];
        for (int y = 8; y < 20; y++) for (int x = 8; x < 20; x++) img[y * 28 + x] = 1f;
        return img;
    }

    @Test
    void edgesMoveAndProduceBalancedEventsOverThreeSaccades() {
        DvsEmulator emu = DvsEmulator.nmnistLike();
        Events a = emu.emulate(square(), 28, 28, 5), b = emu.emulate(square(), 28, 28, 5);
        assertEquals(a, b, "seeded");
        assertTrue(a.size() > 200, "a moving bright square makes events: " + a.size());
        assertTrue(a.isSorted() && a.width() == 34);
        double on = (double) a.onCount() / a.size();
        assertTrue(on > 0.3 && on < 0.7, "ON fraction " + on);
        assertTrue(a.duration() > 250_000 && a.duration() <= 300_000, "three 100 ms saccades: " + a.duration());
        Events blank = new DvsEmulator(34, 100, 3, 1000, 0.3, 0.03, 1000, 0).emulate(new float[28 * 28], 28, 28, 1);
        assertEquals(0, blank.size(), "no texture, no noise: no events");
    }

    @Test
    void emulatedDatasetFramesFeedTheNetworkTimeMajor() {
        float[] two = new float[2 * 784];
        System.arraycopy(square(), 0, two, 0, 784);
        InMemoryDataset images = new InMemoryDataset("squares", new long[]{1, 28, 28}, 2, two, new int[]{1, 0}, "x");
        InMemoryDataset frames = EmulatedDataset.of(images, DvsEmulator.nmnistLike(), 5, 1);
        assertArrayEquals(new long[]{5, 2, 34, 34}, frames.shape());
        float[] f = new float[frames.features()];
        frames.copyFeatures(0, f, 0);
        double sum = 0;
        for (float v : f) sum += v;
        assertEquals(DvsEmulator.nmnistLike().emulate(square(), 28, 28, 1).size(), sum, 0, "every event in some frame");
        INDArray batch = Nd4j.create(new float[2 * 5 * 3], new long[]{2, 5, 3}, 'c');
        batch.putScalar(new long[]{1, 4, 2}, 7f);
        Seq s = new FramesEncoder().encode(batch, 5, new SplittableRandom(0));
        assertEquals(7f, s.step(4).getFloat(1, 2), "example 1, frame 4 lands in step 4, row 1");
    }
}

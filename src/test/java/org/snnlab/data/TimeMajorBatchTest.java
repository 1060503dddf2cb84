package org.snnlab.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnlab.core.Seq;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Time-major batches: the same values as example-major ones, and the frames encoder reads them without a copy. */
class TimeMajorBatchTest {

    /** 7 examples of T=3 frames of [2, 2, 3], feature value = 1000 * example + position. */
    static InMemoryDataset frames() {
        long[] shape = {3, 2, 2, 3};
        int n = 7, per = 36;
        float[] f = new float[n * per];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4;
            for (int j = 0; j < per; j++) f[i * per + j] = 1000 * i + j;
        }
        return new InMemoryDataset("frames", shape, 4, f, y, "x");
    }

    @Test
    void timeMajorBatchHoldsTheSameValuesAsExampleMajor() {
        InMemoryDataset d = frames();
        int[] order = {5, 2, 6, 0, 3, 1, 4};
        Batch a = Batch.of(d, order, 1, 6, false), b = Batch.of(d, order, 1, 6, true);
        assertArrayEquals(a.features().shape(), b.features().shape());
        assertEquals(a.features(), b.features());
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.indices(), b.indices());
        // hand-checked: row 0 is example 2, frame 1, channel 0, row 1, col 2 -> 1000*2 + 12 + 3 + 2
        assertEquals(2017f, b.features().getFloat(0, 1, 0, 1, 2));
        assertArrayEquals(new long[]{3, 5, 2, 2, 3}, b.features().permute(1, 0, 2, 3, 4).shape(), "stored as [T, B, ...]");
    }

    @Test
    void framesEncoderReadsTimeMajorBatchesWithoutCopying() {
        InMemoryDataset d = frames();
        int[] order = {0, 1, 2, 3, 4, 5, 6};
        Batch em = Batch.of(d, order, 0, 7, false), tm = Batch.of(d, order, 0, 7, true);
        FramesEncoder enc = new FramesEncoder();
        Seq x = enc.encode(tm.features(), 3, new SplittableRandom(1)), ref = enc.encode(em.features(), 3, new SplittableRandom(1));
        assertArrayEquals(new long[]{21, 2, 2, 3}, x.data().shape());
        assertEquals(ref.data(), x.data());
        assertSame(tm.features().data(), x.data().data(), "a view of the batch's buffer");
        assertNotSame(em.features().data(), ref.data().data(), "example-major input is transposed into a new array");
        // step t, example i sits at row t*B + i
        INDArray row = x.data().get(org.nd4j.linalg.indexing.NDArrayIndex.point(2 * 7 + 4));
        assertEquals(1000 * 4 + 2 * 12, row.getFloat(0, 0, 0));
    }

    @Test
    void staticExamplesIgnoreTheTimeMajorRequest() {
        long[] shape = {1, 2, 2};
        InMemoryDataset d = new InMemoryDataset("img", shape, 2, new float[]{1, 2, 3, 4, 5, 6, 7, 8}, new int[]{0, 1}, "x");
        Batch b = Batch.of(d, new int[]{1, 0}, 0, 2, true);
        assertArrayEquals(new long[]{2, 1, 2, 2}, b.features().shape());
        assertEquals('c', b.features().ordering());
        assertEquals(5f, b.features().getFloat(0, 0, 0, 0));
    }

    @Test
    void prefetchedTimeMajorEpochEqualsThePlainOne() {
        InMemoryDataset d = frames();
        int[] order = Batches.permutation(d.size(), 9);
        try (Prefetcher<Batch> p = Batches.prefetch(d, order, 3); Prefetcher<Batch> q = Batches.prefetch(d, order, 3, true)) {
            while (p.hasNext()) assertEquals(p.next().features(), q.next().features());
        }
    }
}

package org.snnlab.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deterministic permutations, batch contents, and the one-ahead prefetcher. */
class BatchesTest {
    /** n examples of shape [2, 3]; example i has values i*10 + j and label i % 4. */
    static InMemoryDataset toy(int n) {
        float[] f = new float[n * 6];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4;
            for (int j = 0; j < 6; j++) f[i * 6 + j] = i * 10 + j;
        }
        return new InMemoryDataset("toy", new long[]{2, 3}, 4, f, y, "none");
    }

    @Test
    void permutationIsDeterministicAndAPermutation() {
        int[] a = Batches.permutation(1000, 42), b = Batches.permutation(1000, 42), c = Batches.permutation(1000, 43);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) assertEquals(i, sorted[i]);
        assertFalse(Arrays.equals(a, sortedRange(1000)), "shuffled");
        assertEquals(0, Batches.permutation(0, 1).length);
        assertArrayEquals(new int[]{0}, Batches.permutation(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Batches.permutation(-1, 1));
    }

    private static int[] sortedRange(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    @Test
    void permutationIsRoughlyUniform() {
        int[] firstAt = new int[4];
        for (long s = 0; s < 4000; s++) firstAt[Batches.permutation(4, s)[0]]++;
        for (int c : firstAt) assertEquals(1000, c, 120, Arrays.toString(firstAt));
    }

    @Test
    void batchHoldsTheRightExamples() {
        InMemoryDataset d = toy(10);
        int[] order = {7, 2, 9, 0, 5};
        Batch b = Batch.of(d, order, 1, 4);
        assertEquals(3, b.size());
        assertArrayEquals(new long[]{3, 2, 3}, b.features().shape());
        assertEquals(DataType.FLOAT, b.features().dataType());
        assertEquals('c', b.features().ordering());
        assertArrayEquals(new int[]{2, 9, 0}, b.indices());
        assertArrayEquals(new int[]{2, 1, 0}, b.labels());
        for (int r = 0; r < 3; r++)
            for (int j = 0; j < 6; j++)
                assertEquals(b.indices()[r] * 10 + j, b.features().getFloat(r, j / 3, j % 3), 0);
        assertThrows(IllegalArgumentException.class, () -> Batch.of(d, order, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> Batch.of(d, order, 2, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> Batch.of(d, new int[]{10}, 0, 1));
    }

    @Test
    void epochBatchesCoverTheOrderWithAShortLastOne() {
        InMemoryDataset d = toy(10);
        int[] order = Batches.permutation(10, 3);
        assertEquals(3, Batches.count(10, 4));
        assertEquals(0, Batches.count(0, 4));
        List<Integer> seen = new ArrayList<>();
        for (int k = 0; k < 3; k++) for (int i : Batches.batch(d, order, 4, k).indices()) seen.add(i);
        assertEquals(Arrays.stream(order).boxed().toList(), seen);
        assertEquals(2, Batches.batch(d, order, 4, 2).size());
        assertThrows(IllegalArgumentException.class, () -> Batches.batch(d, order, 4, 3));
    }

    @Test
    void prefetcherYieldsAllBatchesInOrder() {
        InMemoryDataset d = toy(23);
        int[] order = Batches.permutation(23, 9);
        try (Prefetcher<Batch> p = Batches.prefetch(d, order, 5)) {
            assertEquals(5, p.count());
            int k = 0;
            while (p.hasNext()) {
                Batch got = p.next(), want = Batches.batch(d, order, 5, k++);
                assertArrayEquals(want.indices(), got.indices());
                assertArrayEquals(want.labels(), got.labels());
                assertEquals(want.features(), got.features());
            }
            assertEquals(5, k);
            assertFalse(p.hasNext());
        }
    }

    @Test
    void prefetcherLoadsOnceEachInOrderOnOneThreadAndOnlyOneAhead() throws InterruptedException {
        List<Integer> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Prefetcher<Integer> p = new Prefetcher<>(6, k -> {
            calls.add(k);
            threads.add(Thread.currentThread().getName());
            return k * k;
        })) {
            assertEquals(0, p.next());
            Thread.sleep(100);
            assertTrue(calls.size() <= 2, "one ahead at most: " + calls);
            List<Integer> rest = new ArrayList<>();
            p.forEachRemaining(rest::add);
            assertEquals(List.of(1, 4, 9, 16, 25), rest);
            assertThrows(IllegalStateException.class, p::next);
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), calls);
        assertEquals(1, threads.stream().distinct().count());
        assertNotEquals(Thread.currentThread().getName(), threads.get(0));
        try (Prefetcher<Integer> empty = new Prefetcher<>(0, k -> k)) {
            assertFalse(empty.hasNext());
            assertThrows(NoSuchElementException.class, empty::next);
        }
    }

    @Test
    void prefetcherRethrowsTheLoadersErrorAtThatItem() {
        IllegalArgumentException boom = new IllegalArgumentException("corrupt example 2");
        AtomicInteger loaded = new AtomicInteger();
        Prefetcher<Integer> p = new Prefetcher<>(5, k -> {
            if (k == 2) throw boom;
            loaded.incrementAndGet();
            return k;
        });
        assertEquals(0, p.next());
        assertEquals(1, p.next());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::next);
        assertSame(boom, e);
        assertTrue(e.getSuppressed()[0].getMessage().contains("item 2"));
        assertFalse(p.hasNext(), "closed after a failure");
        assertEquals(2, loaded.get());
        p.close();
        p.close();
    }

    @Test
    void closingEarlyStopsTheWorker() throws InterruptedException {
        AtomicInteger loaded = new AtomicInteger();
        Prefetcher<Integer> p = new Prefetcher<>(1000, k -> {
            loaded.incrementAndGet();
            return k;
        });
        p.next();
        p.close();
        Thread.sleep(50);
        assertTrue(loaded.get() <= 2, "loaded " + loaded.get());
        assertFalse(p.hasNext());
        assertThrows(IllegalStateException.class, p::next);
    }
}

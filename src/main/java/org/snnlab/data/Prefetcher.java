package org.snnlab.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Yields {@code load(0), load(1), ..., load(count-1)} in order while preparing the next item on one
 * background thread, so that loading item k+1 overlaps the consumer's work on item k (one ahead: at
 * most one item is being prepared or waiting, so memory stays bounded by two items).
 *
 * <p>{@code load} is called exactly once per index, in increasing order, always on the same worker
 * thread, so a loader with its own state stays deterministic. An exception thrown by {@code load(k)}
 * is rethrown by the {@code next()} that would have returned item k (the same instance, with a
 * suppressed note of where it was rethrown; a checked one wrapped in {@link IllegalStateException}),
 * and the prefetcher closes itself. Not thread-safe on the consumer side: one consumer thread.
 * Always {@link #close()} it (try-with-resources), also when abandoning it early.
 *
 * @param <T> the item type, e.g. {@link Batch}
 */
public final class Prefetcher<T> implements Iterator<T>, AutoCloseable {
    private final int count;
    private final IntFunction<? extends T> load;
    private final ExecutorService worker;
    private Future<? extends T> pending;
    private int next;
    private boolean closed;

    /**
     * @param count number of items, >= 0
     * @param load  produces item k; must not return null
     */
    public Prefetcher(int count, IntFunction<? extends T> load) {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0, got " + count);
        if (load == null) throw new IllegalArgumentException("load must not be null");
        this.count = count;
        this.load = load;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "snnlab-prefetch");
            t.setDaemon(true);
            return t;
        });
        if (count > 0) pending = submit(0);
    }

    /** Number of items in all. */
    public int count() {
        return count;
    }

    @Override
    public boolean hasNext() {
        return !closed && next < count;
    }

    /** The next item, waiting for the worker if it is not ready yet; starts preparing the one after. */
    @Override
    public T next() {
        if (closed) throw new IllegalStateException("prefetcher is closed (after close(), a failure or the last item)");
        if (next >= count) throw new NoSuchElementException("all " + count + " items were taken");
        T item = await(pending, next);
        next++;
        pending = next < count ? submit(next) : null;
        if (next == count) close();
        return item;
    }

    private Future<? extends T> submit(int k) {
        return worker.submit(() -> {
            T item = load.apply(k);
            if (item == null) throw new IllegalStateException("prefetch loader returned null for item " + k);
            return item;
        });
    }

    private T await(Future<? extends T> f, int k) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for prefetched item " + k, e);
        } catch (ExecutionException e) {
            close();
            Throwable cause = e.getCause();
            cause.addSuppressed(new IllegalStateException("rethrown by Prefetcher.next() for item " + k + " of " + count));
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException("prefetch of item " + k + " failed: " + cause, cause);
        }
    }

    /** Stops the worker (interrupting an item in preparation) and drops what it prepared. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (pending != null) pending.cancel(true);
        pending = null;
        worker.shutdownNow();
    }
}

package org.snnlab.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.Map;

/**
 * The spike counts of one pass's binary arrays, by where their elements lie: a spiking layer that has
 * counted its output spikes (for its statistics) records the total, and the synaptic layer that reads
 * that output right after (directly or through a reshape, which shares the memory) takes it instead
 * of scanning the array again to count its operations ({@code AC = nnz(x) * out}). One ledger per
 * {@link Pass}, so nothing carries over to the next batch; an array is known only for the exact first
 * element address, length and data type recorded, and a later record at the same place replaces the
 * earlier one (a time-checkpointed pass reuses its segments' memory).
 */
public final class SpikeLedger {
    private record Place(long address, long length, DataType type) { }

    private final Map<Place, Double> known = new HashMap<>();

    /** {@code spikes} (every value 0 or 1) holds {@code count} ones. */
    public synchronized void record(INDArray spikes, double count) {
        Place p = place(spikes);
        if (p != null) known.put(p, count);
    }

    /** The recorded number of ones of {@code x} (any view of exactly the recorded array), else -1. */
    public synchronized double count(INDArray x) {
        Place p = place(x);
        Double c = p == null ? null : known.get(p);
        return c == null ? -1 : c;
    }

    /** Where {@code a}'s elements lie: a contiguous C-order array on the host, else null (not tracked). */
    private static Place place(INDArray a) {
        if (!org.snnlab.util.Buffers.isContiguousView(a)) return null;
        long address = a.data().address() + a.offset() * a.dataType().width();
        return address == 0 ? null : new Place(address, a.length(), a.dataType());
    }
}

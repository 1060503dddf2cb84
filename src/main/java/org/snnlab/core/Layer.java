package org.snnlab.core;


import java.util.List;
import java.util.Map;

/**
 * One stage of a spiking network acting on a whole multi-step sequence at once. A layer holds only
 * its parameters; everything a backward pass needs is held by the {@link Forward} it returns, so no
 * state can leak from one batch to the next.
 */
public interface Layer {

    /** Runs the layer over all T steps of {@code input}. */
    Forward forward(Seq input, Pass pass);

    /** Per-example output feature shape for a per-example input feature shape. */
    long[] outputShape(long[] inputShape);

    /** Trainable parameters and buffers, named within this layer (e.g. "weight"). */
    default List<Param> params() {
        return List.of();
    }

    /** A short type name, e.g. "Dense", "Lif" (NIR-like export). */
    String type();

    /** Hyper-parameters and shapes, for provenance and export. */
    Map<String, Object> spec();

    /** Name used for statistics; set by the model that owns the layer. */
    default void bindName(String name) { }
}

package org.snnlab.data.event.transform;

import org.snnlab.data.event.Events;

import java.util.SplittableRandom;

/** A transform with a parameter description as its {@code toString()}. */
final class NamedTransform implements EventTransform {
    private final String description;
    private final EventTransform inner;

    NamedTransform(String description, EventTransform inner) {
        if (description == null || description.isBlank()) throw new IllegalArgumentException("a transform needs a description");
        this.description = description;
        this.inner = inner;
    }

    @Override
    public Events apply(Events events, SplittableRandom rng) {
        return inner.apply(events, rng);
    }

    @Override
    public String toString() {
        return description;
    }
}

package org.snnlab.data.event.transform;

import org.snnlab.data.event.Events;

import java.util.SplittableRandom;

/**
 * A step of an event pipeline (Tonic's transforms): events in, events out. Random transforms draw
 * from the stream they are given, so a pipeline is reproducible from a seed. The transforms made by
 * {@link Transforms} describe themselves with their parameters ({@code toString()}, e.g.
 * {@code denoise(filter_us=5000) | downsample(factor=2)}), which is what {@link org.snnlab.data.DataCache#frames} keys on.
 */
@FunctionalInterface
public interface EventTransform {
    Events apply(Events events, SplittableRandom rng);

    /** This transform, then {@code next}; described as {@code "this | next"}. */
    default EventTransform then(EventTransform next) {
        EventTransform first = this;
        return named(first + " | " + next, (e, r) -> next.apply(first.apply(e, r), r));
    }

    /** A transform with a description of its parameters. */
    static EventTransform named(String description, EventTransform t) {
        return new NamedTransform(description, t);
    }

    /** Events unchanged. */
    static EventTransform identity() {
        return named("identity", (e, r) -> e);
    }
}

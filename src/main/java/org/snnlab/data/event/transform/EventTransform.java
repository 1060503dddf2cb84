package org.snnlab.data.event.transform;

import org.snnlab.data.event.Events;

import java.util.SplittableRandom;

/**
 * A step of an event pipeline (Tonic's transforms): events in, events out. Random transforms draw
 * from the stream they are given, so a pipeline is reproducible from a seed.
 */
@FunctionalInterface
public interface EventTransform {
    Events apply(Events events, SplittableRandom rng);

    /** This transform, then {@code next}. */
    default EventTransform then(EventTransform next) {
        return (e, r) -> next.apply(apply(e, r), r);
    }
}

package org.snnlab.data.event;

/**
 * One sample of an event data set: its events and its class index (0-based, e.g. gesture 1-11 becomes
 * 0-10 as in Tonic's DVSGesture).
 */
public record LabelledEvents(Events events, int label) {
    public LabelledEvents {
        if (events == null) throw new IllegalArgumentException("events must not be null");
        if (label < 0) throw new IllegalArgumentException("label must be >= 0, got " + label);
    }
}

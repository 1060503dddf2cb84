package org.snnlab.train;

/** Thrown when the loss or a weight becomes NaN or infinite: training stops, rows already written stay. */
public final class NonFiniteException extends RuntimeException {
    public NonFiniteException(String message) {
        super(message);
    }
}

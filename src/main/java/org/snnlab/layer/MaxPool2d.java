package org.snnlab.layer;

/** Max pooling, kernel = stride = k: {@code y = max of each k x k block}; the gradient goes to the max. */
public final class MaxPool2d extends Pool2d {
    public MaxPool2d(int kernel) { super(kernel); }

    @Override
    String op() { return "maxpool2d"; }

    @Override
    public String type() { return "MaxPool2d"; }
}

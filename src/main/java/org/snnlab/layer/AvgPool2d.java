package org.snnlab.layer;

/** Average pooling, kernel = stride = k: {@code y = mean of each k x k block}. Keeps a static input static. */
public final class AvgPool2d extends Pool2d {
    public AvgPool2d(int kernel) { super(kernel); }

    @Override
    String op() { return "avgpool2d"; }

    @Override
    public String type() { return "AvgPool2d"; }
}

package org.snnlab.optim;

/** AdamW: Adam with decoupled weight decay {@code w -= lr wd w} (Loshchilov and Hutter 2019). See {@link Adam}. */
public final class AdamW extends Adam {
    public AdamW(double beta1, double beta2, double eps, double weightDecay) {
        super(beta1, beta2, eps, weightDecay, true);
    }
}

package org.snnlab.archfixture.layer;

import org.snnlab.archfixture.loss.Cost;

/** Fixture: a floor-1 class importing another floor-1 package (allowed; half of the layer/loss cycle). */
public final class Box {
    /** A same-floor dependency. */
    public Cost cost;
}

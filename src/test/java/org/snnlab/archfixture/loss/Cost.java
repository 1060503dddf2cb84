package org.snnlab.archfixture.loss;

import org.snnlab.archfixture.layer.Box;

/** Fixture: closes the layer -> loss -> layer cycle. */
public final class Cost {
    /** The dependency back to layer. */
    public Box box;
}

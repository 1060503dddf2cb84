package org.snnlab.archfixture.model;

import org.snnlab.archfixture.core.Value;
import org.snnlab.archfixture.layer.Box;

/** Fixture: a floor-3 class importing floors 0 and 1, which the rule must allow. */
public final class Net {
    /** Downward dependencies. */
    public Value value;
    public Box box;
}

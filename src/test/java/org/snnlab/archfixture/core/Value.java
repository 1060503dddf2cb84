package org.snnlab.archfixture.core;

import org.snnlab.archfixture.layer.Box;

/** Fixture: a floor-0 class that imports a floor-1 class (the violation the rule must report). */
public final class Value {
    /** The upward dependency. */
    public Box box;
}

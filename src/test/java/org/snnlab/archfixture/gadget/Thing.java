package org.snnlab.archfixture.gadget;

/** Fixture: a class in a package the floor table does not list. */
public final class Thing {
}

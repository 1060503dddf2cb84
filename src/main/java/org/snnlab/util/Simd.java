package org.snnlab.util;

/**
 * Whether the SIMD loops written with the incubating Java Vector API can run in this JVM: it must have
 * {@code --add-modules jdk.incubator.vector} (bin/snnlab, the notebook kernel and the tests set it;
 * {@code SNNLAB_VECTOR=0} leaves it out). Whether they DO run is a compute option
 * ({@code org.snnlab.core.ComputeOptions#vector()}, off without this module). Classes that import
 * {@code jdk.incubator.vector} are only touched when that option is on; every one has a scalar or
 * pure-ND4J twin that runs otherwise and that a test holds it equal to.
 */
public final class Simd {
    /** True when the Vector API module is in this JVM's boot layer (a fact of the JVM, fixed at start). */
    public static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Simd() { }
}

package org.snnlab.util;

/**
 * Whether the SIMD loops written with the incubating Java Vector API can run: the JVM must have
 * {@code --add-modules jdk.incubator.vector} (bin/snnlab, the notebook kernel and the tests set it;
 * {@code SNNLAB_VECTOR=0} leaves it out) and {@code -Dsnnlab.vector=false} must not be set. Classes
 * that import {@code jdk.incubator.vector} are only touched when this is true; every one has a scalar
 * or pure-ND4J twin that runs otherwise and that a test holds it equal to.
 */
public final class Simd {
    /** True when the Vector API is usable in this JVM. */
    public static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("snnlab.vector"));

    private Simd() { }

    /** "vector" or "scalar", for provenance and benchmark output. */
    public static String mode() {
        return AVAILABLE ? "vector" : "scalar";
    }
}

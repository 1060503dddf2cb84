package org.snnlab.core;

import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.util.Simd;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Which kernels compute a run: configuration read once at the program's edge (the command line, a
 * notebook) and passed down, to each forward pass in its {@link Pass}, to each optimizer step and to
 * each {@link Workspace#step(String, ComputeOptions, java.util.function.Supplier) step}. Every choice
 * computes the same function (a test holds every fused loop equal to its pure ND4J twin); the paths
 * differ only in float summation order, so a run is bit-reproducible on the same options.
 *
 * <p>The components are what will run, not merely what was asked for: the compact constructor
 * switches off what cannot run. The fused, vector and sparse kernels read raw host buffers, so on the
 * CUDA backend they are off; the vector and sparse kernels are variants of the fused loops, so they are
 * off without {@code fused}; and the vector kernels need the {@code jdk.incubator.vector} module in
 * the JVM ({@link Simd#AVAILABLE}).
 *
 * @param fused      hand-fused loops over float32 buffers (the LIF recurrence, batch norm, Adam)
 *                   instead of chains of ND4J ops
 * @param vector     the SIMD (Java Vector API) form of the fused LIF loops and spike gathers
 * @param sparse     row gathers instead of GEMMs for binary, sparse {@code Dense} inputs (opt-in)
 * @param workspaces each step's temporaries come from one reused ND4J memory workspace
 * @param backend    the ND4J backend the arrays live on
 * @param timeCheckpoint K > 0: back-propagation through time keeps only every K-th step's neuron state and
 *                   recomputes each K-step segment's forward pass in the backward pass (memory ~ K steps
 *                   instead of T, one more forward pass); 0 (the default): every step's activations are kept
 */
public record ComputeOptions(boolean fused, boolean vector, boolean sparse, boolean workspaces, Backend backend,
                             int timeCheckpoint) {

    /** The ND4J backend: {@code nd4j-native} (CPU) or {@code nd4j-cuda} (CUDA), as the Maven profile picked it. */
    public enum Backend {
        CPU, CUDA;

        /** The backend of an ND4J backend class name: CUDA for ND4J's JCublas backend, else CPU. */
        public static Backend ofClassName(String className) {
            if (className == null || className.isBlank()) throw new IllegalArgumentException("backend class name must not be blank");
            String n = className.toLowerCase(Locale.ROOT);
            return n.contains("jcublas") || n.contains("cuda") ? CUDA : CPU;
        }

        /** The backend ND4J has loaded ({@code Nd4j.getBackend()}; loads it on first use). */
        public static Backend current() {
            return ofClassName(Nd4j.getBackend().getClass().getName());
        }
    }

    /** System properties that set the options (as {@code -D} flags), with their defaults. */
    public static final String FUSED = "snnlab.fused", VECTOR = "snnlab.vector", SPARSE = "snnlab.sparse",
            WORKSPACES = "snnlab.workspaces", TIME_CHECKPOINT = "snnlab.time-checkpoint";

    public ComputeOptions {
        if (backend == null) throw new IllegalArgumentException("backend must not be null");
        if (timeCheckpoint < 0) throw new IllegalArgumentException("time checkpoint interval must be >= 0, got " + timeCheckpoint);
        fused = fused && backend == Backend.CPU;
        vector = vector && fused && Simd.AVAILABLE;
        sparse = sparse && fused;
    }

    /** Options without time checkpointing. */
    public ComputeOptions(boolean fused, boolean vector, boolean sparse, boolean workspaces, Backend backend) {
        this(fused, vector, sparse, workspaces, backend, 0);
    }

    /** The defaults on the loaded backend: fused and vector kernels, dense GEMMs, workspaces. */
    public static ComputeOptions defaults() {
        return new ComputeOptions(true, true, false, true, Backend.current());
    }

    /**
     * The options the JVM was started with: {@code -Dsnnlab.fused=false}, {@code -Dsnnlab.vector=false},
     * {@code -Dsnnlab.workspaces=false} switch those off, {@code -Dsnnlab.sparse=true} switches the
     * sparse products on; unset means the {@link #defaults()}. Read this once, where the program starts.
     */
    public static ComputeOptions fromSystem() {
        return fromProperties(System::getProperty, Backend.current());
    }

    /**
     * The options given by {@code property} (name to value, null when unset) on {@code backend}.
     *
     * @throws IllegalArgumentException when a value is neither {@code true} nor {@code false}
     */
    public static ComputeOptions fromProperties(UnaryOperator<String> property, Backend backend) {
        return new ComputeOptions(flag(property, FUSED, true), flag(property, VECTOR, true), flag(property, SPARSE, false),
                flag(property, WORKSPACES, true), backend, interval(property.apply(TIME_CHECKPOINT)));
    }

    private static int interval(String v) {
        if (v == null) return 0;
        try {
            int k = Integer.parseInt(v.trim());
            if (k >= 0) return k;
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(TIME_CHECKPOINT + " must be a whole number >= 0, got '" + v + "'");
    }

    private static boolean flag(UnaryOperator<String> property, String name, boolean unset) {
        String v = property.apply(name);
        if (v == null) return unset;
        return switch (v.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
        };
    }

    /**
     * These options with the fused loops on or off. Off also switches the vector and sparse kernels off,
     * and switching fused back on does not bring them back: ask for them again.
     */
    public ComputeOptions withFused(boolean on) {
        return new ComputeOptions(on, vector, sparse, workspaces, backend, timeCheckpoint);
    }

    /** These options with the SIMD kernels on or off. */
    public ComputeOptions withVector(boolean on) {
        return new ComputeOptions(fused, on, sparse, workspaces, backend, timeCheckpoint);
    }

    /** These options with the sparse spike products on or off. */
    public ComputeOptions withSparse(boolean on) {
        return new ComputeOptions(fused, vector, on, workspaces, backend, timeCheckpoint);
    }

    /** These options with the step workspaces on or off. */
    public ComputeOptions withWorkspaces(boolean on) {
        return new ComputeOptions(fused, vector, sparse, on, backend, timeCheckpoint);
    }

    /** These options checkpointing the time loop every {@code k} steps (0: off). */
    public ComputeOptions withTimeCheckpoint(int k) {
        return new ComputeOptions(fused, vector, sparse, workspaces, backend, k);
    }

    /** The CPU kernel family: {@code "vector"}, {@code "scalar"} (fused loops) or {@code "nd4j"} (ND4J ops only). */
    public String cpuKernels() {
        return vector ? "vector" : fused ? "scalar" : "nd4j";
    }

    /** The options as a map for provenance.json. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fused", fused);
        m.put("vector", vector);
        m.put("sparse", sparse);
        m.put("workspaces", workspaces);
        m.put("backend", backend.name());
        if (timeCheckpoint > 0) m.put("time_checkpoint", timeCheckpoint); // absent when off: older provenance unchanged
        return m;
    }
}

package org.snnlab.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses, with one clear line, to start ND4J 1.0.0-M2.1's CUDA backend on a GPU it has no kernels
 * for. That build (CUDA 11.6) carries code for compute capability below 9.0 (Ampere, Ada); on Hopper
 * (9.0) or Blackwell (10.x, 12.x) loading it ends in a native crash. The check asks
 * {@code nvidia-smi --query-gpu=compute_cap --format=csv,noheader} (one {@code major.minor} line per
 * GPU) before ND4J is touched, so it must not itself load the backend.
 */
public final class GpuCheck {
    /** The first compute capability (major version) that ND4J 1.0.0-M2.1's CUDA build cannot run on. */
    static final int FIRST_UNSUPPORTED_MAJOR = 9;
    private static final String CUDA_BACKEND_CLASS = "org/nd4j/linalg/jcublas/JCublasBackend.class";
    private static final Pattern CAPABILITY = Pattern.compile("(\\d+)\\.(\\d+)");

    private GpuCheck() { }

    /** Whether ND4J's CUDA backend is on the classpath (looked up as a resource: nothing is loaded). */
    public static boolean cudaOnClasspath() {
        return GpuCheck.class.getClassLoader().getResource(CUDA_BACKEND_CLASS) != null;
    }

    /**
     * Why these GPUs cannot run ND4J's CUDA build, from {@code nvidia-smi}'s compute_cap output; empty
     * when every listed GPU can, or when the output lists none (no driver, an error message: then ND4J
     * reports for itself).
     */
    public static Optional<String> problem(String nvidiaSmiOutput) {
        if (nvidiaSmiOutput == null) return Optional.empty();
        List<String> caps = new ArrayList<>(), bad = new ArrayList<>();
        for (String line : nvidiaSmiOutput.split("\\R")) {
            Matcher m = CAPABILITY.matcher(line.trim());
            if (!m.matches()) continue;
            if (Integer.parseInt(m.group(1)) >= FIRST_UNSUPPORTED_MAJOR) bad.add("GPU " + caps.size() + " is " + m.group());
            caps.add(m.group());
        }
        if (bad.isEmpty()) return Optional.empty();
        String which = caps.size() == 1 ? "this GPU is " + caps.get(0) : String.join(", ", bad);
        return Optional.of("ND4J 1.0.0-M2.1's CUDA build runs on compute capability < " + FIRST_UNSUPPORTED_MAJOR
                + ".0 (Ampere, Ada); " + which + " (Hopper or newer); use the CPU backend (build without -P cuda)");
    }

    /**
     * Throws when ND4J's CUDA backend is on the classpath and {@code nvidia-smi} lists a GPU it cannot
     * run on; does nothing on the CPU backend or when {@code nvidia-smi} cannot be run.
     *
     * @throws IllegalStateException with the one-line {@link #problem(String)}
     */
    public static void requireSupportedGpu() {
        if (!cudaOnClasspath()) return;
        Optional<String> p = problem(nvidiaSmi());
        if (p.isPresent()) throw new IllegalStateException(p.get());
    }

    private static String nvidiaSmi() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=compute_cap", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return out;
        } catch (IOException e) {
            return null; // no nvidia-smi: nothing to check
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

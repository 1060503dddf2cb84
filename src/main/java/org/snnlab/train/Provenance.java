package org.snnlab.train;

import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ComputeOptions;
import org.snnlab.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code provenance.json}: everything needed to rebuild a run (Tribuo-style provenance): the
 * configuration, seeds, data set checksums, library version and git commit, the machine (Java, OS,
 * CPU, ND4J backend, BLAS core type, threads) and the compute options the run used (which kernels:
 * fused, vector, sparse; the fused and ND4J paths sum in different orders, so a run is bit-reproducible
 * only on the same options).
 */
public final class Provenance {
    public static final String VERSION = "0.1.0";

    private Provenance() { }

    /** Environment facts: versions, commit, machine, and {@code compute}, the kernels the run computes with. */
    public static Map<String, Object> environment(ComputeOptions compute) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("snnlab_version", VERSION);
        m.put("git_commit", git("rev-parse", "HEAD"));
        m.put("git_dirty", !git("status", "--porcelain", "--untracked-files=no").isEmpty());
        m.put("java_version", System.getProperty("java.version"));
        m.put("java_vendor", System.getProperty("java.vendor"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("nd4j_backend", Nd4j.getBackend().getClass().getSimpleName());
        m.put("nd4j_blas_threads", Nd4j.getEnvironment().maxMasterThreads());
        m.put("openblas_coretype", String.valueOf(System.getenv("OPENBLAS_CORETYPE")));
        m.put("javacpp_extension", String.valueOf(System.getProperty("org.bytedeco.javacpp.platform.extension")));
        m.put("cpu_kernels", compute.cpuKernels()); // SIMD (Vector API), scalar fused loops or ND4J ops: float sums differ
        m.put("compute", compute.describe());
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        return m;
    }

    /** Writes the record for a run computed with {@code compute}. */
    public static void write(Path file, Map<String, Object> run, ComputeOptions compute) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>(run);
        all.put("written_at", Instant.now().toString());
        all.put("environment", environment(compute));
        Json.write(file, all);
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8))
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
        } catch (IOException | RuntimeException ignored) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    static String git(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "git";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) return "unknown";
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}

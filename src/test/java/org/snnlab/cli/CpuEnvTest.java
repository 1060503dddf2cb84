package org.snnlab.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * bin/cpu-env.sh (sourced before every JVM start: bin/snnlab, the kernel installer, CI) puts OpenMP's
 * workers to sleep after a parallel region unless the user chose a policy: their spinning took a core
 * from the SIMD loops between GEMMs.
 */
class CpuEnvTest {
    static String waitPolicy(String preset) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", ". bin/cpu-env.sh && printf %s \"$OMP_WAIT_POLICY\"")
                .directory(SparkJvm.ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("OMP_WAIT_POLICY");
        env.remove("SNNLAB_OMP_USER");
        if (preset != null) env.put("OMP_WAIT_POLICY", preset);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void openMpWorkersSleepUnlessTheUserChose() throws Exception {
        assertEquals("PASSIVE", waitPolicy(null));
        assertEquals("ACTIVE", waitPolicy("ACTIVE"));
    }

    /** The PyTorch reference of the side-by-side benchmarks gets the user's own OpenMP policy back. */
    @Test
    void theReferenceRunsWithTheUsersOwnPolicy() {
        Map<String, String> none = new java.util.HashMap<>(Map.of("OMP_WAIT_POLICY", "PASSIVE", "SNNLAB_OMP_USER", ""));
        ScalingBench.torchOpenMp(none);
        assertEquals(null, none.get("OMP_WAIT_POLICY"));
        Map<String, String> chosen = new java.util.HashMap<>(Map.of("OMP_WAIT_POLICY", "PASSIVE", "SNNLAB_OMP_USER", "ACTIVE"));
        ScalingBench.torchOpenMp(chosen);
        assertEquals("ACTIVE", chosen.get("OMP_WAIT_POLICY"));
        Map<String, String> direct = new java.util.HashMap<>(Map.of("OMP_WAIT_POLICY", "PASSIVE")); // not started by bin/snnlab
        ScalingBench.torchOpenMp(direct);
        assertEquals("PASSIVE", direct.get("OMP_WAIT_POLICY"));
    }
}

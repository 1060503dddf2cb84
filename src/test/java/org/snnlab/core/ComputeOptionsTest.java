package org.snnlab.core;

import org.junit.jupiter.api.Test;
import org.snnlab.core.ComputeOptions.Backend;
import org.snnlab.util.Simd;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compute options: the -D properties, their defaults, what the constructor switches off, and the GPU check's parsing. */
class ComputeOptionsTest {

    static ComputeOptions parse(Map<String, String> props, Backend b) {
        return ComputeOptions.fromProperties(props::get, b);
    }

    @Test
    void unsetPropertiesGiveTheDefaults() {
        assertTrue(Simd.AVAILABLE, "tests run with --add-modules jdk.incubator.vector (pom argLine)");
        ComputeOptions o = parse(Map.of(), Backend.CPU);
        assertEquals(new ComputeOptions(true, true, false, true, Backend.CPU), o);
        assertEquals(ComputeOptions.defaults(), o, "the test JVM runs nd4j-native");
        assertEquals(Backend.CPU, Backend.current());
        assertEquals("vector", o.cpuKernels());
    }

    @Test
    void propertiesSwitchEachOption() {
        assertFalse(parse(Map.of(ComputeOptions.FUSED, "false"), Backend.CPU).fused());
        assertFalse(parse(Map.of(ComputeOptions.VECTOR, "false"), Backend.CPU).vector());
        assertTrue(parse(Map.of(ComputeOptions.VECTOR, "false"), Backend.CPU).fused(), "vector off keeps the scalar fused loops");
        assertEquals("scalar", parse(Map.of(ComputeOptions.VECTOR, "false"), Backend.CPU).cpuKernels());
        assertTrue(parse(Map.of(ComputeOptions.SPARSE, "true"), Backend.CPU).sparse());
        assertFalse(parse(Map.of(ComputeOptions.WORKSPACES, "false"), Backend.CPU).workspaces());
        assertEquals(new ComputeOptions(true, true, false, true, Backend.CPU),
                parse(Map.of(ComputeOptions.FUSED, "true", ComputeOptions.SPARSE, "false"), Backend.CPU));
        assertEquals("snnlab.fused", ComputeOptions.FUSED);
        assertEquals("snnlab.vector", ComputeOptions.VECTOR);
        assertEquals("snnlab.sparse", ComputeOptions.SPARSE);
        assertEquals("snnlab.workspaces", ComputeOptions.WORKSPACES);
    }

    @Test
    void aValueOtherThanTrueOrFalseIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(ComputeOptions.FUSED, "flase"), Backend.CPU));
        assertTrue(e.getMessage().contains("snnlab.fused") && e.getMessage().contains("flase"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(ComputeOptions.SPARSE, "1"), Backend.CPU));
        assertThrows(IllegalArgumentException.class, () -> new ComputeOptions(true, true, false, true, null));
    }

    @Test
    void whatCannotRunIsSwitchedOff() {
        ComputeOptions cuda = parse(Map.of(ComputeOptions.SPARSE, "true"), Backend.CUDA);
        assertEquals(new ComputeOptions(false, false, false, true, Backend.CUDA), cuda, "no CPU-only kernels on CUDA");
        assertEquals("nd4j", cuda.cpuKernels());
        ComputeOptions noFused = new ComputeOptions(false, true, true, true, Backend.CPU);
        assertFalse(noFused.vector() || noFused.sparse(), "vector and sparse are variants of the fused loops: " + noFused);
        ComputeOptions back = ComputeOptions.defaults().withFused(false).withFused(true);
        assertTrue(back.fused() && !back.vector(), "what was switched off stays off until asked for again: " + back);
        assertTrue(back.withVector(true).vector());
        assertFalse(ComputeOptions.defaults().withVector(false).vector());
        assertTrue(ComputeOptions.defaults().withSparse(true).sparse());
        assertFalse(ComputeOptions.defaults().withWorkspaces(false).workspaces());
    }

    @Test
    void describeListsTheOptionsActuallyUsed() {
        assertEquals(Map.of("fused", false, "vector", false, "sparse", false, "workspaces", true, "backend", "CUDA"),
                new ComputeOptions(true, true, true, true, Backend.CUDA).describe());
        assertEquals(java.util.List.of("fused", "vector", "sparse", "workspaces", "backend"),
                java.util.List.copyOf(ComputeOptions.defaults().describe().keySet()));
    }

    @Test
    void backendFromTheNd4jBackendClassName() {
        assertEquals(Backend.CPU, Backend.ofClassName("org.nd4j.linalg.cpu.nativecpu.CpuBackend"));
        assertEquals(Backend.CUDA, Backend.ofClassName("org.nd4j.linalg.jcublas.JCublasBackend"));
        assertThrows(IllegalArgumentException.class, () -> Backend.ofClassName(" "));
    }

    @Test
    void passesCarryTheirOptions() {
        ComputeOptions off = ComputeOptions.defaults().withFused(false);
        assertEquals(ComputeOptions.defaults(), Pass.train(1).compute(), "the 3-argument passes default");
        Pass p = Pass.train(1).withCompute(off);
        assertEquals(off, p.compute());
        assertEquals(off, p.withStats(ActivityStats.NONE).compute(), "withStats keeps the options");
        assertThrows(IllegalArgumentException.class, () -> new Pass(true, new java.util.SplittableRandom(1), null, null));
    }

    @Test
    void workspacesCanBeSwitchedOff() {
        assertFalse(Workspace.step("test", ComputeOptions.defaults().withWorkspaces(false),
                () -> org.nd4j.linalg.factory.Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread()));
        assertTrue(Workspace.step("test", ComputeOptions.defaults(),
                () -> org.nd4j.linalg.factory.Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread()));
    }

    @Test
    void gpuCheckRefusesHopperAndNewerFromNvidiaSmiOutput() {
        assertEquals(Optional.empty(), GpuCheck.problem("8.6\n"), "Ampere");
        assertEquals(Optional.empty(), GpuCheck.problem("8.9\n8.0\n"), "Ada and A100");
        String h200 = GpuCheck.problem("9.0\n").orElseThrow();
        assertTrue(h200.startsWith("ND4J 1.0.0-M2.1's CUDA build runs on compute capability < 9.0 (Ampere, Ada); this GPU is 9.0"), h200);
        assertTrue(h200.contains("use the CPU backend") && !h200.contains("\n"), h200);
        String mixed = GpuCheck.problem("8.6\r\n12.0\r\n").orElseThrow();
        assertTrue(mixed.contains("GPU 1 is 12.0") && !mixed.contains("GPU 0"), mixed);
        assertTrue(GpuCheck.problem(" 10.0 \n").isPresent(), "Blackwell, padded");
        assertEquals(Optional.empty(), GpuCheck.problem(""), "no GPU listed");
        assertEquals(Optional.empty(), GpuCheck.problem(null));
        assertEquals(Optional.empty(), GpuCheck.problem("Field \"compute_cap\" is not a valid field to query.\n"), "old driver");
        assertFalse(GpuCheck.cudaOnClasspath(), "the tests run nd4j-native");
    }
}

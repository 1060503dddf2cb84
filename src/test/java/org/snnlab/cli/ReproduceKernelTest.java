package org.snnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code reproduce --kernel NAME} runs NAME: install.sh is asked for the pair that holds it (the JJava
 * kernel NAME-jjava comes with NAME, and must then be installable), the runner is given NAME, and the
 * executed notebook's metadata names the kernel that ran it.
 */
class ReproduceKernelTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void aJJavaKernelIsInstalledUnderItsBaseName() {
        assertEquals("snnlab", ReproduceCommand.installName("snnlab-jjava"));
        assertEquals("snnlab-wt", ReproduceCommand.installName("snnlab-wt-jjava"));
        assertEquals("snnlab", ReproduceCommand.installName("snnlab"));
        assertEquals("-jjava", ReproduceCommand.installName("-jjava"), "no empty base name");
        assertTrue(ReproduceCommand.isJJava("snnlab-jjava") && !ReproduceCommand.isJJava("snnlab"));
    }

    /** A repository whose install.sh and runner only record how they were called. */
    private static Path fakeRoot(Path tmp, int installRc) throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("kernel"));
        Files.createDirectories(root.resolve("notebooks"));
        Files.writeString(root.resolve("notebooks/a.ipynb"), "{}");
        Files.writeString(root.resolve("kernel/install.sh"), "echo \"$SNNLAB_KERNEL_NAME ${SNNLAB_REQUIRE_JJAVA:-0}\" > '"
                + root.resolve("install.txt") + "'\nexit " + installRc + "\n");
        Files.writeString(root.resolve("kernel/run_notebooks.py"), "import sys\nopen('" + root.resolve("runner.txt")
                + "', 'w').write(' '.join(sys.argv[1:]))\n");
        return root;
    }

    @Test
    void theNamedKernelIsInstalledAndRun(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3");
        Path root = fakeRoot(tmp, 0);
        CliRun r = CliRun.of("reproduce", "--root", root.toString(), "--kernel", "snnlab-jjava", "--out", tmp.resolve("out").toString());
        assertEquals(0, r.rc(), r.err());
        assertEquals("snnlab 1", Files.readString(root.resolve("install.txt")).trim(), "rapaio as snnlab, JJava as snnlab-jjava, JJava required");
        String runner = Files.readString(root.resolve("runner.txt"));
        assertTrue(runner.contains("--kernel snnlab-jjava "), runner);

        CliRun plain = CliRun.of("reproduce", "--root", root.toString(), "--kernel", "snnlab", "--out", tmp.resolve("out").toString());
        assertEquals(0, plain.rc());
        assertEquals("snnlab 0", Files.readString(root.resolve("install.txt")).trim());
        assertTrue(Files.readString(root.resolve("runner.txt")).contains("--kernel snnlab "));
    }

    @Test
    void anInstallThatCannotProvideTheKernelStopsTheRunWithItsExitCode(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3");
        Path root = fakeRoot(tmp, 2);
        CliRun r = CliRun.of("reproduce", "--root", root.toString(), "--kernel", "snnlab-jjava", "--out", tmp.resolve("out").toString());
        assertEquals(2, r.rc());
        assertFalse(Files.exists(root.resolve("runner.txt")), "no notebook run in another kernel");
    }

    /**
     * kernel/run_notebooks.py with a stand-in kernelspec (IPython's kernel under a JJava-like name):
     * the executed notebook was saved with kernelspec "snnlab" and must come back naming the kernel that ran it.
     */
    @Test
    void theExecutedNotebookNamesTheKernelThatRanIt(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c", "import ipykernel, nbclient")
                .start().waitFor() == 0, "needs Debian's python3-ipykernel and nbclient (bin/test's packages)");
        Path spec = Files.createDirectories(tmp.resolve("data/kernels/fake-jjava"));
        Files.writeString(spec.resolve("kernel.json"), "{\"argv\": [\"/usr/bin/python3\", \"-m\", \"ipykernel_launcher\", \"-f\", \"{connection_file}\"],"
                + " \"display_name\": \"Fake (JJava)\", \"language\": \"python\"}");
        Path nb = tmp.resolve("k.ipynb");
        Files.writeString(nb, "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": null, \"metadata\": {}, \"outputs\": [],"
                + " \"source\": \"print('hi')\"}], \"metadata\": {\"kernelspec\": {\"name\": \"snnlab\", \"display_name\": \"Java (snnlab)\","
                + " \"language\": \"java\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        Path out = tmp.resolve("out");
        ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), Path.of("kernel/run_notebooks.py").toAbsolutePath().toString(),
                "--out", out.toString(), "--scale", "smoke", "--timeout", "60", "--kernel", "fake-jjava", nb.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile());
        pb.environment().put("JUPYTER_DATA_DIR", tmp.resolve("data").toString());
        pb.environment().put("JUPYTER_PATH", tmp.resolve("data").toString());
        pb.environment().put("SNNLAB_KERNEL_GRACE", "0.5");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "runner finished");
        // exit 1: the notebook shows no figure, which the runner counts as a failure; the metadata is what is checked here
        JsonNode ks = new ObjectMapper().readTree(out.resolve("k.ipynb").toFile()).get("metadata").get("kernelspec");
        assertEquals("fake-jjava", ks.get("name").asText(), Files.readString(tmp.resolve("log.txt")));
        assertEquals("Fake (JJava)", ks.get("display_name").asText());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("fake-jjava", summary.get(0).get("kernel").asText());
    }
}

package org.snnlab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kernel/jjava_spec.py, which kernel/install.sh runs to write the "snnlab-jjava" kernelspec, against
 * fake JJava installs of each layout (JJava's kernel jars are on no registry this build reaches, so
 * the jars here are empty files): the argv it writes must start an existing kernel jar of the JJava
 * folder (never {@code {resource_dir}}, which Jupyter would expand to the snnlab-jjava folder) with
 * the given Java and options, and the env must carry the class path, the options and the start-up script.
 */
class JJavaKernelSpecTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String JAVA = "/opt/jdk-17/bin/java";
    private static final String CP = "/x/snnlab.jar:/x/nd4j.jar";
    private static final String OPTS = "-Xmx6g --add-modules=jdk.incubator.vector -Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2";
    private static final String INIT = "/repo/kernel/init.jsh";

    @TempDir Path tmp;

    /** JJava 1.0-a4 to 1.0-a7 (pip's share/jupyter/kernels/java, or a release's kernelspec zip). */
    @ParameterizedTest
    @ValueSource(strings = {"1.0-a5", "1.0-a6", "1.0-a7"})
    void launcherLayoutsStartTheKernelJarOfTheirOwnFolder(String version) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(version).resolve("share/jupyter/kernels/java"));
        Files.writeString(dir.resolve("kernel.json"), "{\"argv\": [\"java\", \"-jar\", \"{resource_dir}/jjava-launcher.jar\","
                + " \"{resource_dir}/jjava.jar\", \"{connection_file}\"], \"display_name\": \"Java (jjava)\", \"language\": \"java\","
                + " \"interrupt_mode\": \"message\", \"env\": {\"JJAVA_TIMEOUT\": \"-1\"}, \"metadata\": {}}");
        Files.write(dir.resolve("jjava.jar"), new byte[0]);
        Files.write(dir.resolve("jjava-launcher.jar"), new byte[0]);
        JsonNode spec = written(dir, 0);
        assertStartsJar(spec, dir.resolve("jjava.jar"));
        assertEquals("-1", spec.get("env").get("JJAVA_TIMEOUT").asText(), "JJava's own env is kept");
    }

    /** JJava 1.0-M3's python launcher with an absolute jar path. */
    @Test
    void olderLayoutWithAnAbsoluteJarWorksToo() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m3/kernels/java"));
        Path jar = Files.write(Files.createDirectories(tmp.resolve("m3/lib")).resolve("jjava-1.0-M3.jar"), new byte[0]);
        Files.writeString(dir.resolve("kernel.json"), "{\"argv\": [\"/usr/bin/python3\", \"" + dir.resolve("launcher.py")
                + "\", \"" + jar + "\", \"{connection_file}\"], \"display_name\": \"Java\", \"language\": \"java\", \"interrupt_mode\": \"message\"}");
        assertStartsJar(written(dir, 0), jar);
    }

    /** The defect this replaces: a kernel.json copied without its jars. One line naming the file; nothing written. */
    @Test
    void aSpecWithoutItsJarsIsRefusedInOneLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("copied/java"));
        Files.writeString(dir.resolve("kernel.json"), "{\"argv\": [\"java\", \"-jar\", \"{resource_dir}/jjava-launcher.jar\","
                + " \"{resource_dir}/jjava.jar\", \"{connection_file}\"], \"language\": \"java\"}");
        String err = refused(dir);
        assertTrue(err.contains(dir.resolve("kernel.json").toString()) && err.contains(dir.resolve("jjava.jar") + ", does not exist"), err);
        Path notJson = Files.createDirectories(tmp.resolve("broken/java"));
        Files.writeString(notJson.resolve("kernel.json"), "{\"argv\": [");
        assertTrue(refused(notJson).contains("cannot read it"));
        Path noJar = Files.createDirectories(tmp.resolve("nojar/java"));
        Files.writeString(noJar.resolve("kernel.json"), "{\"argv\": [\"java\", \"-cp\", \"x\", \"Main\", \"{connection_file}\"]}");
        assertTrue(refused(noJar).contains("names no kernel jar"));
    }

    private static void assertStartsJar(JsonNode spec, Path jar) {
        List<String> argv = new ArrayList<>();
        spec.get("argv").forEach(a -> argv.add(a.asText()));
        assertEquals(JAVA, argv.get(0), "the Java the rapaio spec uses, not the launcher's PATH lookup");
        int j = argv.indexOf("-jar");
        assertTrue(j > 0, argv.toString());
        assertEquals(jar.toAbsolutePath().toString(), argv.get(j + 1));
        assertTrue(Files.isRegularFile(Path.of(argv.get(j + 1))), "the jar exists: " + argv);
        assertEquals("{connection_file}", argv.get(argv.size() - 1));
        assertTrue(argv.subList(1, j).containsAll(List.of(OPTS.split(" "))), "JVM options before -jar: " + argv);
        int opens = argv.indexOf("--add-opens");
        assertTrue(opens > 0 && opens < j && argv.get(opens + 1).equals("jdk.jshell/jdk.jshell=ALL-UNNAMED"), argv.toString());
        assertFalse(String.join(" ", argv).contains("{resource_dir}"), argv.toString());
        JsonNode env = spec.get("env");
        assertEquals(CP, env.get("JJAVA_CLASSPATH").asText());
        assertEquals(OPTS, env.get("JJAVA_JVM_OPTS").asText());
        assertEquals(INIT, env.get("JJAVA_STARTUP_SCRIPTS_PATH").asText());
        assertEquals("SkylakeX", env.get("OPENBLAS_CORETYPE").asText());
        assertEquals("message", spec.get("interrupt_mode").asText(), "JJava's interrupt message works: kept");
        assertEquals("written by kernel/install.sh", spec.get("metadata").get("snnlab").asText(), "install.sh's overwrite guard");
    }

    private JsonNode written(Path dir, int expectRc) throws Exception {
        Path out = tmp.resolve("out/" + dir.getFileName() + System.nanoTime() + "/kernel.json");
        assertEquals(expectRc, run(dir, out), "exit code");
        return new ObjectMapper().readTree(out.toFile());
    }

    private String refused(Path dir) throws Exception {
        Path out = tmp.resolve("refused/kernel.json");
        Path err = tmp.resolve("err.txt");
        assertEquals(2, run(dir, out, err), "exit code");
        assertFalse(Files.exists(out), "nothing written for an unusable spec");
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertEquals(1, lines.size(), "one line: " + lines);
        return lines.get(0);
    }

    private int run(Path dir, Path out) throws IOException, InterruptedException {
        return run(dir, out, tmp.resolve("err-ok.txt"));
    }

    private static int run(Path dir, Path out, Path err) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 (kernel/install.sh does too)");
        Process p = new ProcessBuilder(PYTHON.toString(), Path.of("kernel/jjava_spec.py").toAbsolutePath().toString(),
                dir.toString(), out.toString(), JAVA, CP, OPTS, "SkylakeX", "2", INIT)
                .redirectErrorStream(false).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor();
    }
}

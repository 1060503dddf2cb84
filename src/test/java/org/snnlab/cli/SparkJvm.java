package org.snnlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs as bin/snnlab starts them for {@code --executor spark}: Spark's own class path
 * ({@code target/spark-classpath.txt}) first, then this JVM's, with the launcher's Java 17 options
 * (read from bin/snnlab's {@code SPARK_JAVA_OPTS}). The test JVM itself has no run-time Spark.
 */
final class SparkJvm {
    static final Path ROOT = Path.of(System.getProperty("user.dir"));
    static final Path SPARK_CP = ROOT.resolve("target/spark-classpath.txt");

    private SparkJvm() { }

    /** The options of bin/snnlab's SPARK_JAVA_OPTS array. */
    static List<String> launcherOptions() throws IOException {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(ROOT.resolve("bin/snnlab"))) {
            String s = line.trim();
            if (s.startsWith("SPARK_JAVA_OPTS=(")) { in = true; continue; }
            if (in && s.equals(")")) break;
            if (in && !s.isEmpty()) out.add(s);
        }
        if (out.isEmpty()) throw new IllegalStateException("bin/snnlab has no SPARK_JAVA_OPTS array");
        return out;
    }

    static String sparkClasspath() throws IOException {
        return Files.readString(SPARK_CP, StandardCharsets.UTF_8).trim();
    }

    /** java [launcher options] -cp [spark : this class path] main args, or without Spark when {@code spark} is false. */
    static List<String> command(boolean spark, String main, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        if (spark) cmd.addAll(launcherOptions());
        else cmd.add("--add-modules=jdk.incubator.vector");
        String nativeOpts = System.getProperty("snnlab.test.native.opts", "");
        for (String o : System.getenv().getOrDefault("SNNLAB_NATIVE_OPTS", nativeOpts).split(" ")) if (!o.isBlank()) cmd.add(o);
        cmd.add("-cp");
        String cp = System.getProperty("java.class.path");
        if (!spark) cp = String.join(":", ROOT.resolve("target/classes").toString(), Files.readString(ROOT.resolve("target/classpath.txt")).trim(),
                ROOT.resolve("target/test-classes").toString());
        cmd.add(spark ? sparkClasspath() + ":" + cp : cp);
        cmd.add(main);
        cmd.addAll(args);
        return cmd;
    }

    /** Runs a child to its end (at most {@code seconds}); the result has its exit code and output. */
    static CliRun run(boolean spark, String main, List<String> args, int seconds, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command(spark, main, args));
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().putAll(env);
        Path outF = Files.createTempFile("sparkjvm", ".out"), errF = Files.createTempFile("sparkjvm", ".err");
        pb.redirectOutput(outF.toFile()).redirectError(errF.toFile());
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("child JVM ran past " + seconds + " s: " + Files.readString(errF));
        }
        CliRun r = new CliRun(p.exitValue(), Files.readString(outF), Files.readString(errF));
        System.out.print(r.out());
        System.err.print(r.err());
        Files.deleteIfExists(outF);
        Files.deleteIfExists(errF);
        return r;
    }
}

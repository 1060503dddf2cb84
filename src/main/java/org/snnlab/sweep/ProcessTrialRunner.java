package org.snnlab.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each trial in a child JVM: {@code java <this JVM's options> -cp <this class path> <main> <args> <trial dir>}.
 *
 * <p>Why a process per trial: ND4J's native thread pools are sized once per process from
 * {@code OMP_NUM_THREADS}, so trials sharing a JVM would each use every core (oversubscription, and
 * timings that depend on the neighbours); a child gets {@code OMP_NUM_THREADS = threads} (and as many
 * fork-join threads), its own heap, and a crash or out-of-memory ends only that trial. The TDP energy
 * model counts the CPU time of the process it runs in, so per-trial energy stays per trial (a RAPL
 * counter, in contrast, is package-wide: parallel trials each include their neighbours' energy). The
 * price is a JVM start and an ND4J load per trial (a few seconds).
 *
 * <p>The child's stdin is a pipe that this JVM holds open; the child (see {@link ParentWatch}) exits
 * when it reads end-of-file, so killing the sweep, even with SIGKILL, takes its trials down with it and
 * no orphan keeps writing into a trial folder. A shutdown hook also ends the children on a normal exit
 * or SIGTERM. The child writes {@code result.json} and exits 0; any other exit is a failed trial whose
 * message is the last line of the trial's {@code log.txt}.
 */
public final class ProcessTrialRunner implements TrialRunner {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "sweep-children"));
    }

    private final List<String> mainAndArgs;

    /** @param mainAndArgs the child's main class and its arguments; the trial folder is appended */
    public ProcessTrialRunner(List<String> mainAndArgs) {
        if (mainAndArgs.isEmpty()) throw new IllegalArgumentException("need a main class");
        this.mainAndArgs = List.copyOf(mainAndArgs);
    }

    /** The java command of this JVM: executable, its options (minus a debugger agent) and class path. */
    static List<String> javaCommand(int threads) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (!a.startsWith("-agentlib:jdwp") && !a.startsWith("-Djava.util.concurrent.ForkJoinPool.common.parallelism")) cmd.add(a);
        cmd.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=" + threads);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        return cmd;
    }

    @Override
    public TrialResult run(Trial trial, Path dir, int threads) throws Exception {
        return run(trial, dir, threads, java.util.Map.of());
    }

    /** {@link #run(Trial, Path, int)} with extra environment variables for the child (e.g. {@code CUDA_VISIBLE_DEVICES}). */
    public TrialResult run(Trial trial, Path dir, int threads, java.util.Map<String, String> env) throws Exception {
        List<String> cmd = javaCommand(threads);
        cmd.addAll(mainAndArgs);
        cmd.add(dir.toString());
        Path log = dir.resolve("log.txt");
        Files.deleteIfExists(dir.resolve("result.json"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().putAll(env);
        Process p = pb.start();
        LIVE.add(p);
        int rc;
        try (OutputStream stdin = p.getOutputStream()) { // held open: the child's lifeline
            rc = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw e;
        } finally {
            LIVE.remove(p);
        }
        if (rc != 0) throw new IOException("trial " + trial.id() + " (" + trial.label() + ") exited with " + rc + ": " + lastLine(log));
        return TrialStore.readResult(dir);
    }

    /** The last non-blank line of the log (the child's one-line error), or a pointer to the log. */
    static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) if (!lines.get(i).isBlank()) return lines.get(i).trim();
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        return "see " + log;
    }
}

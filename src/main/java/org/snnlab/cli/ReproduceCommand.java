package org.snnlab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code snnlab reproduce}: installs the snnlab Jupyter kernels, then executes notebooks headlessly in
 * the one named by {@code --kernel} ({@code kernel/run_notebooks.py} on Debian's nbclient) and writes
 * the executed notebooks (their metadata naming that kernel), their HTML, every figure and an
 * {@code index.html} to {@code --out}. {@code --kernel NAME-jjava} installs NAME and NAME-jjava and
 * runs the JJava one (exit 2 with install.sh's line when no usable JJava is installed). Exits non-zero
 * when a cell fails.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Execute the paper notebooks in the Java kernel and write an HTML report.")
public final class ReproduceCommand implements Callable<Integer> {
    @Option(names = "--scale", defaultValue = "default", description = "smoke | default | paper") String scale;
    @Option(names = "--out", defaultValue = "report") Path out;
    @Option(names = "--timeout", description = "seconds per cell (default: 900 at smoke scale, 14400 above:"
            + " a default-scale training cell runs ~40 min on 2 cores)") Integer timeout;
    @Option(names = "--kernel", defaultValue = "${env:SNNLAB_KERNEL_NAME:-snnlab}",
            description = "kernelspec to install and run: snnlab (rapaio) or snnlab-jjava (JJava), or NAME / NAME-jjava"
                    + " (default: snnlab, or $SNNLAB_KERNEL_NAME)") String kernel;
    @Option(names = "--root", hidden = true, defaultValue = "${env:SNNLAB_ROOT:-.}",
            description = "the repository (bin/snnlab sets it)") Path root;
    @Parameters(arity = "0..*", description = "notebooks (default: notebooks/*.ipynb)") List<Path> notebooks;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!List.of("smoke", "default", "paper").contains(scale))
            throw new IllegalArgumentException("--scale must be smoke, default or paper, got '" + scale + "'");
        if (timeout == null) timeout = scale.equals("smoke") ? 900 : 14_400;
        if (timeout < 1) throw new IllegalArgumentException("--timeout must be >= 1 second, got " + timeout);
        List<String> books = new ArrayList<>();
        for (Path p : notebooks != null ? notebooks : all()) {
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no such notebook: " + p);
            books.add(p.toString());
        }
        Path python = Path.of("/usr/bin/python3");
        String py = Files.isExecutable(python) ? python.toString() : "python3";
        if (!kernel.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("bad --kernel name '" + kernel + "'");
        ProcessBuilder install = new ProcessBuilder("bash", root.resolve("kernel/install.sh").toString());
        install.environment().put("SNNLAB_KERNEL_NAME", installName(kernel));
        if (isJJava(kernel)) install.environment().put("SNNLAB_REQUIRE_JJAVA", "1");
        int rc = run(install);
        if (rc == 2) return 2; // install.sh said why in one line (no JJava it can use, a kernelspec not ours)
        if (rc != 0) throw new IllegalStateException("kernel installation failed (exit " + rc + ")");
        List<String> cmd = new ArrayList<>(List.of(py, root.resolve("kernel/run_notebooks.py").toString(),
                "--out", out.toString(), "--scale", scale, "--timeout", Integer.toString(timeout), "--kernel", kernel));
        cmd.addAll(books);
        return run(new ProcessBuilder(cmd));
    }

    /**
     * The SNNLAB_KERNEL_NAME that makes kernel/install.sh write {@code kernel}: it writes the rapaio kernel
     * as NAME and the JJava one as NAME-jjava, so {@code snnlab-jjava} is installed as {@code snnlab}.
     */
    static String installName(String kernel) {
        return isJJava(kernel) ? kernel.substring(0, kernel.length() - JJAVA_SUFFIX.length()) : kernel;
    }

    static boolean isJJava(String kernel) {
        return kernel.endsWith(JJAVA_SUFFIX) && kernel.length() > JJAVA_SUFFIX.length();
    }

    private static final String JJAVA_SUFFIX = "-jjava";

    private List<Path> all() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("notebooks"))) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    private static int run(ProcessBuilder pb) throws IOException, InterruptedException {
        return pb.inheritIO().redirectInput(new File("/dev/null")).start().waitFor();
    }
}

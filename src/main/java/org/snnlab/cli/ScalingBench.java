package org.snnlab.cli;

import org.snnlab.util.Json;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code snnlab bench --scaling}: how a training step's time and peak memory grow with T, batch and
 * hidden width, for snnlab and the PyTorch reference side by side. Every grid point runs as its own
 * process (so each peak resident memory, {@code VmHWM}, is that point's alone): {@code snnlab bench}
 * in a child JVM with this JVM's options, then {@code tools/torch_scaling.py} (the reference at the
 * same settings), alternating which goes first from round to round. Rows go to
 * {@code OUT/scaling.csv} as they finish; {@link ScalingReport} then writes the medians, the fitted
 * growth per extra time step and the two figures.
 */
final class ScalingBench {
    @Option(names = "--scaling", description = "run the scaling grid (snnlab and PyTorch, one process per point) instead of one benchmark")
    boolean scaling;
    @Option(names = "--grid-models", split = ",", defaultValue = "fc,conv", description = "models of the grid (default: ${DEFAULT-VALUE})")
    List<String> models;
    @Option(names = "--grid-time-steps", split = ",", defaultValue = "10,25,50,100", description = "T values (default: ${DEFAULT-VALUE})")
    List<Integer> timeSteps;
    @Option(names = "--grid-batch", split = ",", defaultValue = "32,128,256", description = "batch sizes (default: ${DEFAULT-VALUE})")
    List<Integer> batches;
    @Option(names = "--grid-hidden", split = ",", defaultValue = "512,2048", description = "fc hidden widths (default: ${DEFAULT-VALUE})")
    List<Integer> hiddens;
    @Option(names = "--grid-time-checkpoint", split = ",", defaultValue = "0",
            description = "snnlab's time-checkpoint intervals to run at each point (0 = plain BPTT; default: ${DEFAULT-VALUE})")
    List<Integer> checkpoints;
    @Option(names = "--grid-steps", defaultValue = "5", description = "timed optimizer steps per point (default: ${DEFAULT-VALUE})")
    int gridSteps;
    @Option(names = "--grid-warmup", defaultValue = "2", description = "warm-up steps per point, at least (default: ${DEFAULT-VALUE})")
    int gridWarmup;
    @Option(names = "--grid-warmup-seconds", defaultValue = "2", description = "snnlab: and warm-up steps until this many"
            + " seconds have passed, for the JIT (default: ${DEFAULT-VALUE})")
    double gridWarmupSeconds;
    @Option(names = "--rounds", defaultValue = "1", description = "alternating rounds per point (default: ${DEFAULT-VALUE})")
    int rounds;
    @Option(names = "--point-timeout", defaultValue = "900", description = "seconds one point's process may run (default: ${DEFAULT-VALUE})")
    int timeout;
    @Option(names = "--engines", split = ",", defaultValue = "snnlab,pytorch", description = "engines (default: ${DEFAULT-VALUE})")
    List<String> engines;
    @Option(names = "--out", defaultValue = "runs/scaling", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--report-from", split = ",", description = "write the report (medians, growth, figures) into --out from these"
            + " scaling.csv files (e.g. several partial grids) instead of running the grid")
    List<Path> reportFrom;
    @Option(names = "--torch-reference", description = "torch_snn_bench.py (default: $SNNLAB_TORCH_REFERENCE, else shared/reference/ beside the checkout)")
    Path torchReference;

    boolean enabled() {
        return scaling || reportFrom != null;
    }

    /** One grid point of one engine. */
    record Point(String model, int hidden, int batch, int steps, String engine, int checkpoint) {
        String setting() {
            return model + (model.equals("fc") ? " h" + hidden : "") + " B" + batch;
        }

        String engineLabel() {
            return engine.equals("snnlab") && checkpoint > 0 ? "snnlab ckpt" + checkpoint : engine;
        }
    }

    int run() throws IOException, InterruptedException {
        if (reportFrom != null) return report();
        validate();
        Path root = root();
        Path script = root.resolve("tools/torch_scaling.py");
        Path ref = reference(root);
        Files.createDirectories(out);
        Path csv = out.resolve("scaling.csv");
        List<Map<String, Object>> rows = new ArrayList<>();
        Files.writeString(csv, String.join(",", ScalingReport.COLUMNS) + "\n", StandardCharsets.UTF_8);
        for (String m : models)
            for (int h : m.equals("fc") ? hiddens : List.of(0))
                for (int b : batches)
                    for (int t : timeSteps)
                        for (int r = 0; r < rounds; r++) {
                            List<Point> order = new ArrayList<>();
                            for (String e : engines)
                                for (int k : e.equals("snnlab") ? checkpoints : List.of(0)) order.add(new Point(m, h, b, t, e, k));
                            if (r % 2 == 1) java.util.Collections.reverse(order); // alternate who goes first
                            for (Point p : order) {
                                Map<String, Object> row = runPoint(p, r, script, ref);
                                rows.add(row);
                                Files.writeString(csv, ScalingReport.csvLine(row) + "\n", StandardCharsets.UTF_8,
                                        java.nio.file.StandardOpenOption.APPEND);
                                System.err.println("scaling: " + Json.compact(row));
                            }
                        }
        Map<String, Object> summary = ScalingReport.write(rows, out);
        System.out.println(Json.compact(summary));
        return 0;
    }

    private int report() throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Path f : reportFrom) {
            if (!Files.isRegularFile(f)) throw new IllegalArgumentException("--report-from: no such file " + f);
            rows.addAll(ScalingReport.readCsv(f));
        }
        Files.createDirectories(out);
        List<String> lines = new ArrayList<>(List.of(String.join(",", ScalingReport.COLUMNS)));
        for (Map<String, Object> r : rows) lines.add(ScalingReport.csvLine(r));
        Files.write(out.resolve("scaling.csv"), lines, StandardCharsets.UTF_8);
        System.out.println(Json.compact(ScalingReport.write(rows, out)));
        return 0;
    }

    private void validate() {
        if (models.isEmpty() || timeSteps.isEmpty() || batches.isEmpty() || hiddens.isEmpty() || engines.isEmpty())
            throw new IllegalArgumentException("--grid-* lists must not be empty");
        for (String m : models) if (!m.equals("fc") && !m.equals("conv"))
            throw new IllegalArgumentException("--grid-models: fc or conv, got '" + m + "'");
        for (String e : engines) if (!e.equals("snnlab") && !e.equals("pytorch"))
            throw new IllegalArgumentException("--engines: snnlab or pytorch, got '" + e + "'");
        for (List<Integer> l : List.of(timeSteps, batches, hiddens))
            for (int v : l) if (v < 1) throw new IllegalArgumentException("--grid-time-steps/--grid-batch/--grid-hidden must be >= 1, got " + v);
        for (int k : checkpoints) if (k < 0) throw new IllegalArgumentException("--grid-time-checkpoint must be >= 0, got " + k);
        if (gridSteps < 1 || gridWarmup < 0 || rounds < 1 || timeout < 1)
            throw new IllegalArgumentException("--grid-steps, --rounds and --point-timeout must be >= 1, --grid-warmup >= 0");
        if (!(gridWarmupSeconds >= 0)) throw new IllegalArgumentException("--grid-warmup-seconds must be >= 0, got " + gridWarmupSeconds);
    }

    private static Path root() {
        String r = System.getenv("SNNLAB_ROOT");
        return Path.of(r == null || r.isBlank() ? "." : r).toAbsolutePath().normalize();
    }

    private Path reference(Path root) {
        if (!engines.contains("pytorch")) return null;
        Path p = torchReference;
        if (p == null) {
            String env = System.getenv("SNNLAB_TORCH_REFERENCE");
            p = env != null && !env.isBlank() ? Path.of(env) : root.resolve("../shared/reference/torch_snn_bench.py").normalize();
        }
        if (!Files.isRegularFile(p))
            throw new IllegalArgumentException("PyTorch reference not found: " + p + " (give --torch-reference or SNNLAB_TORCH_REFERENCE)");
        return p;
    }

    private Map<String, Object> runPoint(Point p, int round, Path script, Path ref) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        String threads = System.getenv().getOrDefault("OMP_NUM_THREADS", "2");
        if (p.engine().equals("snnlab")) {
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench",
                    "--time-checkpoint", String.valueOf(p.checkpoint()), "--warmup-seconds", String.valueOf(gridWarmupSeconds)));
            if (p.model().equals("fc")) cmd.addAll(List.of("--hidden", String.valueOf(p.hidden())));
        } else {
            cmd.addAll(List.of("/usr/bin/python3", script.toString(), "--reference", ref.toString(), "--threads", threads));
            if (p.model().equals("fc")) cmd.addAll(List.of("--hidden", String.valueOf(p.hidden())));
        }
        cmd.addAll(List.of("--model", p.model(), "--batch", String.valueOf(p.batch()), "--time-steps", String.valueOf(p.steps()),
                "--steps", String.valueOf(gridSteps), "--warmup", String.valueOf(gridWarmup)));
        Path log = Files.createTempFile("snnlab-scaling", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            if (!p.engine().equals("snnlab")) torchOpenMp(pb.environment());
            Process proc = pb.start();
            String status = "ok";
            if (!proc.waitFor(timeout, TimeUnit.SECONDS)) {
                proc.destroyForcibly().waitFor();
                status = "timeout";
            } else if (proc.exitValue() != 0) {
                status = "exit " + proc.exitValue();
            }
            return ScalingReport.row(p, round, status, lastJson(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * The PyTorch reference runs with the user's own OpenMP wait policy ({@code SNNLAB_OMP_USER}, kept by
     * bin/cpu-env.sh before it chose PASSIVE for snnlab; empty: none): PyTorch is faster with its
     * workers spinning, snnlab with them asleep, and each side runs as it runs best.
     */
    static void torchOpenMp(Map<String, String> env) {
        String user = env.get("SNNLAB_OMP_USER");
        if (user == null) return; // not started through bin/snnlab: the environment is the user's
        if (user.isEmpty()) env.remove("OMP_WAIT_POLICY");
        else env.put("OMP_WAIT_POLICY", user);
    }

    /** The last line of the child's output that is a JSON object, or an empty map. */
    private static Map<String, Object> lastJson(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i).trim();
            if (!l.startsWith("{")) continue;
            try {
                Map<?, ?> m = Json.MAPPER.readValue(l, Map.class);
                Map<String, Object> r = new LinkedHashMap<>();
                m.forEach((k, v) -> r.put(String.valueOf(k), v));
                return r;
            } catch (IOException | RuntimeException e) {
                // not JSON after all: keep looking
            }
        }
        return Map.of();
    }
}

package org.snnlab.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.neuron.LifConfig;
import org.snnlab.util.ProcessMemory;
import org.snnlab.loss.CrossEntropyCount;
import org.snnlab.model.Models;
import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.model.Sequential;
import org.snnlab.optim.Adam;
import org.snnlab.train.Provenance;
import org.snnlab.train.TrainStep;
import org.snnlab.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code snnlab bench}: trains exactly the networks of the PyTorch reference
 * ({@code shared/reference/torch_snn_bench.py}: same sizes, neuron, surrogate, loss, Adam 1e-3) on
 * random data and prints one JSON line with the reference's fields, so the two can run side by side.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training-throughput benchmark against the PyTorch reference (last line: JSON).")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--model", description = "fc | conv (required unless --scaling)") String model;
    @Option(names = "--hidden", defaultValue = "512", description = "fc only: hidden width (the reference's is 512)") int hidden;
    @Option(names = "--time-checkpoint", defaultValue = "0",
            description = "checkpoint the time loop every K steps (store K-step boundary states, recompute the rest); 0 = off")
    int timeCheckpoint;
    @Option(names = "--profile", description = "also time every layer's forward and backward, the loss and Adam (median ms)")
    boolean profile;
    @picocli.CommandLine.Mixin ScalingBench scaling = new ScalingBench();
    @Option(names = "--batch", defaultValue = "128") int batch;
    @Option(names = "--time-steps", defaultValue = "25") int steps;
    @Option(names = "--steps", defaultValue = "10", description = "timed optimizer steps") int iters;
    @Option(names = "--warmup", defaultValue = "3", description = "untimed steps first, at least (default: ${DEFAULT-VALUE})") int warmup;
    @Option(names = "--warmup-seconds", defaultValue = "2", description = "and untimed steps until this many seconds have"
            + " passed (default: ${DEFAULT-VALUE}): the JIT compiles the SIMD loops in the background for ~1.5 s; with"
            + " 3 steps alone the timed fc steps ran 78 ms instead of 66 on 2 cores, 2026-12-02") double warmupSeconds;
    @Option(names = "--dump", description = "fc only: write weights, one batch, loss and gradients as .npy to DIR"
            + " (for tools/torch_check.py) and exit") java.nio.file.Path dump;
    @Option(names = "--gemm-floor", description = "fc only: also time the step's GEMMs alone and report the step's fraction of that floor")
    boolean gemmFloor;

    @Override
    public Integer call() throws java.io.IOException, InterruptedException {
        if (scaling.enabled()) return scaling.run();
        if (model == null) throw new IllegalArgumentException("--model is required (fc or conv), or give --scaling");
        if (!model.equals("fc") && !model.equals("conv"))
            throw new IllegalArgumentException("--model must be fc or conv, got '" + model + "'");
        if (batch < 1 || steps < 1 || iters < 1 || warmup < 0 || !(warmupSeconds >= 0))
            throw new IllegalArgumentException("--batch, --time-steps and --steps must be >= 1, --warmup and --warmup-seconds >= 0");
        if (hidden < 1) throw new IllegalArgumentException("--hidden must be >= 1, got " + hidden);
        if (hidden != 512 && !model.equals("fc")) throw new IllegalArgumentException("--hidden applies to --model fc only");
        if (timeCheckpoint < 0) throw new IllegalArgumentException("--time-checkpoint must be >= 0, got " + timeCheckpoint);
        ComputeOptions compute = ComputeOptions.fromSystem().withTimeCheckpoint(timeCheckpoint); // -Dsnnlab.*
        SplittableRandom rng = new SplittableRandom(0);
        Sequential net = model.equals("fc") ? Models.fc(2312, hidden, 10, LifConfig.of(0.9, 1.0), DataType.FLOAT, rng)
                : org.snnlab.model.QsnnConv.reference(10).build(DataType.FLOAT, rng);
        double baselineRss = ProcessMemory.rssMb(); // the JVM, ND4J's native libraries and the network, before any batch
        List<Seq> xs = new ArrayList<>();
        List<int[]> ys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            xs.add(input(rng));
            int[] y = new int[batch];
            for (int b = 0; b < batch; b++) y[b] = rng.nextInt(10);
            ys.add(y);
        }
        Adam adam = new Adam(0.9, 0.999, 1e-8, 0);
        CrossEntropyCount loss = new CrossEntropyCount();
        if (dump != null) return dump(net, loss, xs.get(0), ys.get(0));
        double offHeap = 0;
        long warmStart = System.nanoTime();
        int warmed = 0;
        for (; warmed < warmup || (System.nanoTime() - warmStart) / 1e9 < warmupSeconds; warmed++) {
            step(net, adam, loss, xs.get(warmed % 3), ys.get(warmed % 3), compute);
            offHeap = Math.max(offHeap, ProcessMemory.workspacesMb());
        }
        List<Double> ms = new ArrayList<>(), floorMs = new ArrayList<>(), ratios = new ArrayList<>();
        GemmFloor.Plan floor = gemmFloor ? floorPlan(net) : null;
        for (int i = 0; i < iters; i++) {
            long t0 = System.nanoTime();
            step(net, adam, loss, xs.get(i % 3), ys.get(i % 3), compute);
            ms.add((System.nanoTime() - t0) / 1e6);
            offHeap = Math.max(offHeap, ProcessMemory.workspacesMb());
            if (floor == null) continue;
            floorMs.add(floor.run()); // right after the step: the same load on a shared machine
            ratios.add(floorMs.get(i) / ms.get(i));
        }
        double med = median(ms);
        Map<String, Object> prof = profile ? StepProfile.measure(net, adam, loss, xs, ys, compute, iters) : null;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("engine", "snnlab");
        r.put("version", Provenance.VERSION);
        r.put("model", model);
        r.put("batch", batch);
        r.put("time_steps", steps);
        r.put("hidden", model.equals("fc") ? hidden : 0);
        r.put("time_checkpoint", timeCheckpoint);
        r.put("threads", Nd4j.getEnvironment().maxMasterThreads());
        r.put("steps", iters);
        r.put("warmup_steps", warmed);
        r.put("ms_per_step_median", Math.round(med * 1000) / 1000.0);
        r.put("samples_per_s", Math.round(batch * 1000.0 / med * 10) / 10.0);
        r.put("ms_per_step_min", Math.round(Collections.min(ms) * 1000) / 1000.0);
        r.put("openblas_coretype", String.valueOf(System.getenv("OPENBLAS_CORETYPE")));
        r.put("cpu_kernels", compute.cpuKernels());
        r.put("compute", compute.describe());
        r.put("peak_rss_mb", round1(ProcessMemory.peakRssMb()));
        r.put("baseline_rss_mb", round1(baselineRss));
        r.put("heap_peak_mb", round1(ProcessMemory.heapPeakMb()));
        r.put("offheap_peak_mb", round1(offHeap + inputMb(xs))); // the step's workspaces + the input batches
        r.put("input_mb", round1(inputMb(xs)));
        if (floor != null) floor(floor, floorMs, ratios, r);
        if (prof != null) r.put("profile_ms", prof);
        System.out.println(Json.compact(r));
        return 0;
    }

    private GemmFloor.Plan floorPlan(Sequential net) {
        if (!model.equals("fc")) throw new IllegalArgumentException("--gemm-floor is supported for --model fc only");
        return GemmFloor.plan(net, (long) steps * batch);
    }

    /** GEMM floor of the fc step ({@link GemmFloor}), timed between the steps: its time, rate, and the step's fraction of it. */
    private static void floor(GemmFloor.Plan plan, List<Double> floorMs, List<Double> ratios, Map<String, Object> r) {
        double f = median(floorMs);
        r.put("gemm_gflop_per_step", Math.round(plan.flops() / 1e7) / 100.0);
        r.put("gemm_floor_ms", Math.round(f * 1000) / 1000.0);
        r.put("sgemm_gflops", Math.round(plan.flops() / f / 1e6 * 10) / 10.0);
        r.put("gemm_floor_fraction", Math.round(median(ratios) * 1000) / 1000.0); // median of the paired floor/step ratios
    }

    private static double inputMb(List<Seq> xs) {
        double b = 0;
        for (Seq x : xs) b += x.data().length() * (double) x.data().dataType().width();
        return b / (1 << 20);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Random inputs, written row by row straight into ND4J's buffer (no heap copy of the batch to inflate the heap's peak). */
    private Seq input(SplittableRandom rng) {
        if (model.equals("fc")) {
            long rows = (long) steps * batch;
            INDArray x = Nd4j.createUninitializedDetached(DataType.FLOAT, rows, 2312);
            java.nio.FloatBuffer buf = x.data().asNioFloat();
            float[] row = new float[2312];
            for (long r = 0; r < rows; r++) {
                for (int i = 0; i < row.length; i++) row[i] = rng.nextDouble() < 0.1 ? 1f : 0f;
                buf.put((int) (r * row.length), row);
            }
            return Seq.of(x, steps);
        }
        float[] v = new float[batch * 28 * 28];
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextDouble();
        return Seq.constant(Nd4j.create(v, new long[]{batch, 1, 28, 28}, 'c'), steps);
    }

    /** One optimizer step of {@code net} on {@code (x, y)} with the default compute options (timed by {@code snnlab data bench}). */
    static void step(Sequential net, Adam adam, CrossEntropyCount loss, Seq x, int[] y) {
        step(net, adam, loss, x, y, ComputeOptions.defaults());
    }

    /** One optimizer step of {@code net} on {@code (x, y)} computed with {@code compute}. */
    static void step(Sequential net, Adam adam, CrossEntropyCount loss, Seq x, int[] y, ComputeOptions compute) {
        TrainStep.inWorkspace("bench", net, loss, x, y, Pass.train(1).withCompute(compute), TrainStep.LossCheck.NONE);
        adam.step(net.params(), 1e-3, compute);
    }

    private int dump(Sequential net, CrossEntropyCount loss, Seq x, int[] y) throws java.io.IOException {
        if (!model.equals("fc")) throw new IllegalArgumentException("--dump is supported for --model fc only");
        java.nio.file.Files.createDirectories(dump);
        TrainStep.Result res = TrainStep.run(net, loss, x, y, Pass.train(1), TrainStep.LossCheck.NONE);
        var p = net.params(); // 0_Dense.weight, 0_Dense.bias, 2_Dense.weight, 2_Dense.bias
        String[] names = {"w1", "b1", "w2", "b2"};
        for (int i = 0; i < 4; i++) {
            npy(names[i], p.get(i).value());
            npy("g" + names[i], p.get(i).grad());
        }
        npy("x", x.data());
        npy("y", Nd4j.createFromArray(y));
        npy("loss", Nd4j.createFromArray((float) res.loss()));
        npy("time_steps", Nd4j.createFromArray(steps));
        System.out.println(Json.compact(Map.of("dumped", dump.toString(), "loss", res.loss())));
        return 0;
    }

    private void npy(String name, org.nd4j.linalg.api.ndarray.INDArray a) throws java.io.IOException {
        // writeAsNumpy ignores view offsets: always write a fresh copy
        Nd4j.writeAsNumpy(a.dup('c'), dump.resolve(name + ".npy").toFile());
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

}

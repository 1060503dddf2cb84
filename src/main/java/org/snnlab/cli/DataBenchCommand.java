package org.snnlab.cli;

import org.snnlab.core.Seq;
import org.snnlab.data.Batch;
import org.snnlab.data.Batches;
import org.snnlab.data.Dataset;
import org.snnlab.data.FashionMnist;
import org.snnlab.data.FramesEncoder;
import org.snnlab.data.Prefetcher;
import org.snnlab.data.Split;
import org.snnlab.data.event.DvsEmulator;
import org.snnlab.data.event.EventFileDataset;
import org.snnlab.data.event.Events;
import org.snnlab.data.event.NmnistBin;
import org.snnlab.data.event.transform.ToFrames;
import org.snnlab.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code snnlab data bench}: loading throughput of event data, to set beside a training step.
 * Writes {@code --samples} N-MNIST {@code .bin} files (34x34) of events emulated by
 * {@link DvsEmulator#nmnistLike()} from Fashion-MNIST images (or, with none found, from seeded random
 * blobs), then measures (a) events per second of reading + framing one file after another into
 * {@code --bins} equal-time bins on one thread, by the pure path (reader, {@link Events}, frames) and
 * by the fused one ({@link NmnistBin#binsInto}), and (b) batches per second of the whole pipeline:
 * {@link EventFileDataset} -> {@link Batches#prefetch} (one batch ahead on a background thread) ->
 * {@link FramesEncoder} to the time-major {@code [T*B, 2, 34, 34]} input, with no training work, so
 * the consumer waits for every batch (the worst case). {@code loading_fraction_of_step} is the
 * pipeline's milliseconds per batch over {@code --step-ms}, a training step's time (measure it with
 * {@code snnlab bench --model conv}), or the step measured here. With {@code --train-steps N > 0} it also times N training steps of
 * the {@code conv} benchmark net ({@code snnlab bench --model conv}: batch {@code --batch}, T = 25, random
 * static input) alone, then N steps while the event pipeline loads and encodes the next batch each
 * step, as the trainer does; {@code step_overhead_with_loading} is the relative slow-down (what the
 * loading really costs a step, contention for the cores included). One JSON line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Event loading + framing throughput (JSON line).")
public final class DataBenchCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--samples", defaultValue = "1024", description = "event files to write and read") int samples;
    @Option(names = "--batch", defaultValue = "128") int batch;
    @Option(names = "--bins", defaultValue = "25", description = "frames per sample (T)") int bins;
    @Option(names = "--step-ms", defaultValue = "520", description = "training step time to compare with (ms)") double stepMs;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--dir", description = "folder for the event files (default: a temp folder, deleted after)") Path dir;
    @Option(names = "--train-steps", defaultValue = "8", description = "conv training steps timed alone and beside the loading (0: skip)")
    int trainSteps;

    @Override
    public Integer call() throws IOException {
        if (samples < batch || batch < 1 || bins < 1 || !(stepMs > 0))
            throw new IllegalArgumentException("need --samples >= --batch >= 1, --bins >= 1, --step-ms > 0");
        boolean temp = dir == null;
        Path root = temp ? Files.createTempDirectory("snnlab-data-bench") : Files.createDirectories(dir);
        try {
            Map<String, Object> r = new LinkedHashMap<>();
            long events = write(root.resolve("Train"), r);
            EventFileDataset data = EventFileDataset.nmnist(root.resolve("Train"), bins);
            r.put("events_per_sample_mean", Math.round((double) events / samples));
            for (boolean fused : new boolean[]{false, true}) {
                EventFileDataset d = data.fused(fused);
                readAndFrame(d); // warm-up (JIT, file cache)
                long t0 = System.nanoTime();
                readAndFrame(d);
                double s = (System.nanoTime() - t0) / 1e9;
                String k = fused ? "read_frame_fused_" : "read_frame_";
                r.put(k + "events_per_s", Math.round(events / s));
                r.put(k + "ms_per_sample", round(s * 1000 / samples));
            }
            pipeline(data, r);
            if (trainSteps > 0) { // compare with the step time just measured rather than the given one
                overlap(data, r);
                double step = (double) r.get("conv_step_ms_alone");
                r.put("step_ms", step);
                r.put("step_ms_source", "measured: conv_step_ms_alone");
                r.put("loading_fraction_of_step", round((double) r.get("pipeline_ms_per_batch") / step));
            }
            System.out.println(Json.compact(r));
            return 0;
        } finally {
            if (temp) delete(root);
        }
    }

    /** Emulates and writes the files as {@code split/<label>/<i>.bin}; returns the number of events. */
    private long write(Path split, Map<String, Object> r) throws IOException {
        DvsEmulator emu = DvsEmulator.nmnistLike();
        Dataset images = images(r);
        long[] counts = new long[samples];
        java.util.concurrent.atomic.AtomicReference<IOException> failed = new java.util.concurrent.atomic.AtomicReference<>();
        IntStream.range(0, samples).parallel().forEach(i -> {
            float[] img = new float[784];
            int label = images != null ? images.label(i % images.size()) : i % 10;
            if (images != null) images.copyFeatures(i % images.size(), img, 0); else blob(img, seed + i);
            Events e = emu.emulate(img, 28, 28, seed + i);
            counts[i] = e.size();
            try {
                Path f = split.resolve(String.valueOf(label)).resolve(String.format("%05d.bin", i));
                Files.createDirectories(f.getParent());
                NmnistBin.write(f, e);
            } catch (IOException ex) {
                failed.compareAndSet(null, ex);
            }
        });
        if (failed.get() != null) throw failed.get();
        r.put("samples", samples);
        r.put("sensor", "34x34");
        r.put("bins", bins);
        return java.util.Arrays.stream(counts).sum();
    }

    private Dataset images(Map<String, Object> r) {
        try {
            Dataset d = FashionMnist.load(FashionMnist.locate(), Split.TRAIN);
            r.put("events_from", "dvs-emulator on " + d.name());
            return d;
        } catch (IllegalStateException | IOException e) {
            r.put("events_from", "dvs-emulator on seeded random blobs (no Fashion-MNIST found)");
            return null;
        }
    }

    /** A seeded bright ellipse on black, 28x28. */
    private static void blob(float[] img, long seed) {
        SplittableRandom g = new SplittableRandom(seed);
        double cx = 8 + g.nextDouble() * 12, cy = 8 + g.nextDouble() * 12, rx = 3 + g.nextDouble() * 6, ry = 3 + g.nextDouble() * 6;
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++) {
                double d = Math.pow((x - cx) / rx, 2) + Math.pow((y - cy) / ry, 2);
                img[y * 28 + x] = d <= 1 ? (float) (0.5 + 0.5 * g.nextDouble()) : 0f;
            }
    }

    private static void readAndFrame(EventFileDataset data) {
        float[] buf = new float[data.features()];
        for (int i = 0; i < data.size(); i++) data.copyFeatures(i, buf, 0);
    }

    private void pipeline(EventFileDataset data, Map<String, Object> r) {
        FramesEncoder enc = new FramesEncoder();
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = Batches.permutation(data.size(), seed);
        run(data, order, enc, rng, null); // warm-up
        double[] encodeNs = new double[1];
        long t0 = System.nanoTime();
        int n = run(data, order, enc, rng, encodeNs);
        double s = (System.nanoTime() - t0) / 1e9, msPerBatch = s * 1000 / n;
        r.put("batch", batch);
        r.put("batches", n);
        r.put("pipeline_batches_per_s", round(n / s));
        r.put("pipeline_ms_per_batch", round(msPerBatch));
        r.put("encode_ms_per_batch", round(encodeNs[0] / 1e6 / n));
        r.put("input_shape", "[" + bins + "*" + batch + ",2,34,34]");
        r.put("step_ms", stepMs);
        r.put("step_ms_source", "--step-ms");
        r.put("loading_fraction_of_step", round(msPerBatch / stepMs));
        r.put("cores", Runtime.getRuntime().availableProcessors());
    }

    /** Median conv step alone, then with the event pipeline feeding a batch per step (encoded, as the trainer does). */
    private void overlap(EventFileDataset data, Map<String, Object> r) {
        SplittableRandom rng = new SplittableRandom(seed);
        org.snnlab.model.Sequential net = org.snnlab.model.QsnnConv.reference(10).build(org.nd4j.linalg.api.buffer.DataType.FLOAT, rng);
        org.snnlab.optim.Adam adam = new org.snnlab.optim.Adam(0.9, 0.999, 1e-8, 0);
        org.snnlab.loss.CrossEntropyCount loss = new org.snnlab.loss.CrossEntropyCount();
        float[] v = new float[batch * 784];
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextDouble();
        Seq x = Seq.constant(org.nd4j.linalg.factory.Nd4j.create(v, new long[]{batch, 1, 28, 28}, 'c'), 25);
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) y[i] = rng.nextInt(10);
        for (int i = 0; i < 2; i++) BenchCommand.step(net, adam, loss, x, y); // warm-up
        java.util.List<Double> alone = new java.util.ArrayList<>(), with = new java.util.ArrayList<>();
        for (int i = 0; i < trainSteps; i++) {
            long t = System.nanoTime();
            BenchCommand.step(net, adam, loss, x, y);
            alone.add((System.nanoTime() - t) / 1e6);
        }
        FramesEncoder enc = new FramesEncoder();
        int done = 0;
        while (done < trainSteps)
            try (Prefetcher<Batch> p = Batches.prefetch(data, Batches.permutation(data.size(), seed + done), batch, true)) {
                while (p.hasNext() && done < trainSteps) {
                    long t = System.nanoTime();
                    Seq frames = enc.encode(p.next().features(), bins, rng);
                    if (frames.batch() != batch) throw new IllegalStateException("short batch");
                    BenchCommand.step(net, adam, loss, x, y);
                    with.add((System.nanoTime() - t) / 1e6);
                    done++;
                }
            }
        double a = BenchCommand.median(alone), w = BenchCommand.median(with);
        r.put("train_steps", trainSteps);
        r.put("conv_step_ms_alone", round(a));
        r.put("conv_step_ms_with_loading", round(w));
        r.put("step_overhead_with_loading", round((w - a) / a));
    }

    /** One epoch through prefetch + encoder; returns the number of batches. */
    private int run(EventFileDataset data, int[] order, FramesEncoder enc, SplittableRandom rng, double[] encodeNs) {
        int n = 0;
        try (Prefetcher<Batch> p = Batches.prefetch(data, order, batch, true)) {
            while (p.hasNext()) {
                Batch b = p.next();
                long t = System.nanoTime();
                Seq x = enc.encode(b.features(), bins, rng);
                if (x.data().size(0) != (long) bins * b.size()) throw new IllegalStateException("bad encoded shape");
                if (encodeNs != null) encodeNs[0] += System.nanoTime() - t;
                n++;
            }
        }
        return n;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}

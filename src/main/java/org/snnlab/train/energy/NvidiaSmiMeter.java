package org.snnlab.train.energy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * GPU energy read through {@code nvidia-smi} (the NVML counters FastSpiker sampled):
 * <pre>  nvidia-smi --query-gpu=index,total_energy_consumption,power.draw --format=csv,noheader,nounits</pre>
 * one line per GPU, e.g. {@code 0, 123456789, 71.25}. {@code total_energy_consumption} is NVML's
 * energy counter in millijoules since the driver loaded (Volta and newer): the meter reports the sum
 * over GPUs of (counter now - counter at creation). Where a GPU reports {@code [N/A]} for the counter
 * (older GPUs), its power draw (watts) is integrated over the time between readings by the trapezoid
 * rule, which is only as fine as the caller's reading interval (once per epoch in the trainer).
 */
public final class NvidiaSmiMeter implements EnergyMeter {
    static final List<String> QUERY = List.of("nvidia-smi", "--query-gpu=index,total_energy_consumption,power.draw",
            "--format=csv,noheader,nounits");

    /** One reading of all GPUs. */
    @FunctionalInterface
    interface Query {
        List<String> lines() throws IOException;
    }

    private final Query query;
    private final LongSupplier nanos;
    private final List<Gpu> gpus = new ArrayList<>();
    private long lastNanos;
    private double integratedJ;
    private final boolean counters;

    private record Gpu(int index, double startMj, double lastW) { }

    NvidiaSmiMeter(Query query, LongSupplier nanos) throws IOException {
        this.query = query;
        this.nanos = nanos;
        this.lastNanos = nanos.getAsLong();
        boolean allCounters = true;
        for (String line : query.lines()) {
            double[] r = parse(line);
            gpus.add(new Gpu((int) r[0], r[1], r[2]));
            allCounters &= !Double.isNaN(r[1]);
        }
        if (gpus.isEmpty()) throw new IOException("nvidia-smi listed no GPU");
        this.counters = allCounters;
    }

    /** The meter over every GPU nvidia-smi lists, or null when there is no nvidia-smi or no GPU. */
    public static NvidiaSmiMeter open() {
        try {
            return new NvidiaSmiMeter(NvidiaSmiMeter::run, System::nanoTime);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<String> run() throws IOException {
        Process p = new ProcessBuilder(QUERY).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("nvidia-smi did not answer within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for nvidia-smi", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException("nvidia-smi exited " + p.exitValue() + ": " + out.strip());
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** {@code index, energy mJ (NaN if [N/A]), power W (NaN if [N/A])} from one CSV line. */
    static double[] parse(String line) throws IOException {
        String[] f = line.split(",");
        if (f.length != 3) throw new IOException("nvidia-smi: expected 'index, energy_mJ, power_W', got '" + line + "'");
        try {
            return new double[]{Integer.parseInt(f[0].trim()), number(f[1]), number(f[2])};
        } catch (NumberFormatException e) {
            throw new IOException("nvidia-smi: bad number in '" + line + "'");
        }
    }

    private static double number(String s) {
        String t = s.trim();
        return t.startsWith("[") ? Double.NaN : Double.parseDouble(t); // [N/A], [Not Supported]
    }

    @Override
    public synchronized double joules() {
        List<String> lines;
        try {
            lines = query.lines();
        } catch (IOException e) {
            throw new IllegalStateException("GPU energy: " + e.getMessage(), e);
        }
        long now = nanos.getAsLong();
        double seconds = (now - lastNanos) / 1e9, total = 0;
        for (int i = 0; i < gpus.size() && i < lines.size(); i++) {
            double[] r;
            try {
                r = parse(lines.get(i));
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            Gpu g = gpus.get(i);
            if (counters) total += (r[1] - g.startMj()) / 1000;
            else if (!Double.isNaN(r[2]) && !Double.isNaN(g.lastW())) integratedJ += (r[2] + g.lastW()) / 2 * seconds;
            gpus.set(i, new Gpu(g.index(), g.startMj(), r[2]));
        }
        lastNanos = now;
        return counters ? total : integratedJ;
    }

    @Override
    public String method() {
        return "nvidia-smi " + (counters ? "energy counter (total_energy_consumption)" : "power.draw integrated between readings")
                + ", " + gpus.size() + " GPU(s)";
    }
}

package org.snnlab.train.energy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU package energy from Intel RAPL through Linux powercap
 * ({@code /sys/class/powercap/intel-rapl:N/energy_uj}, one per package). The counters wrap at
 * {@code max_energy_range_uj}: a reading below the previous one means one wrap, so
 * {@code delta = now - prev + max}. Counters must be sampled more often than they wrap (minutes at
 * full load), which per-epoch sampling plus {@link #joules()} calls in between ensure in practice.
 */
public final class RaplMeter implements EnergyMeter {
    private final List<Path> packages;
    private final long[] max;
    private final long[] last;
    private double joules;

    /** A meter over every package under {@code root} (normally /sys/class/powercap), or null if none is readable. */
    public static RaplMeter open(Path root) {
        if (!Files.isDirectory(root)) return null;
        List<Path> pk = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> p.getFileName().toString().matches("intel-rapl:\\d+")).sorted().forEach(pk::add);
        } catch (IOException e) {
            return null;
        }
        if (pk.isEmpty()) return null;
        try {
            return new RaplMeter(pk);
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    private RaplMeter(List<Path> packages) {
        this.packages = packages;
        this.max = new long[packages.size()];
        this.last = new long[packages.size()];
        for (int i = 0; i < packages.size(); i++) {
            max[i] = read(packages.get(i).resolve("max_energy_range_uj"));
            last[i] = read(packages.get(i).resolve("energy_uj"));
        }
    }

    static long read(Path f) {
        try {
            return Long.parseLong(Files.readString(f).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": not readable", e);
        }
    }

    /** Microjoules between two readings of a counter that wraps at {@code max}. */
    static long delta(long prev, long now, long max) {
        return now >= prev ? now - prev : now - prev + max;
    }

    @Override
    public synchronized double joules() {
        for (int i = 0; i < packages.size(); i++) {
            long now = read(packages.get(i).resolve("energy_uj"));
            joules += delta(last[i], now, max[i]) / 1e6;
            last[i] = now;
        }
        return joules;
    }

    @Override
    public String method() {
        return "rapl (" + packages.size() + " package(s), powercap energy_uj)";
    }
}

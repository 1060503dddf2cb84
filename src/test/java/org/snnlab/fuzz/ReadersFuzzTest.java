package org.snnlab.fuzz;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reader survives fuzzing: for each {@link Targets#all target}, seeded mutations of a valid
 * fixture (bit flips, truncation, length fields set to 0 / huge / negative, random bytes, ...) each end
 * in a result or in one IOException / IllegalArgumentException line naming the file, within a time
 * limit. System properties: {@code snnlab.fuzz.cases} (per target, default 400), {@code snnlab.fuzz.seconds}
 * (the whole run's budget, default 30, shared equally), {@code snnlab.fuzz.seed} (default 1),
 * {@code snnlab.fuzz.target} (only targets whose name contains it), {@code snnlab.fuzz.first} (the first
 * case index: a reported case is rerun alone with its index and {@code cases=1}), {@code snnlab.fuzz.verbose}
 * (sample messages). The per-target counts are printed.
 */
class ReadersFuzzTest {
    @TestFactory
    Stream<DynamicTest> readersSurviveMutatedInput() {
        String only = System.getProperty("snnlab.fuzz.target", "");
        List<FuzzTarget> targets = Targets.all().stream().filter(t -> t.name().contains(only)).toList();
        boolean verbose = Boolean.getBoolean("snnlab.fuzz.verbose");
        int cases = Integer.getInteger("snnlab.fuzz.cases", 400);
        double seconds = Double.parseDouble(System.getProperty("snnlab.fuzz.seconds", "30"));
        long seed = Long.getLong("snnlab.fuzz.seed", 1L);
        Fuzzer fuzzer = new Fuzzer(seed, Integer.getInteger("snnlab.fuzz.first", 0), cases, (long) (seconds * 1000 / targets.size()), 10_000);
        List<Fuzzer.Report> reports = new ArrayList<>();
        return Stream.concat(targets.stream().map(t -> DynamicTest.dynamicTest(t.name(), () -> {
            Path dir = Files.createTempDirectory("fuzz-" + t.name());
            try {
                Fuzzer.Report r = fuzzer.run(t, dir);
                reports.add(r);
                System.out.println("fuzz " + r);
                if (verbose || r.slowestMillis() > 1000) System.out.println("  slowest: " + r.slowestCase());
                if (verbose) r.sampleErrors().forEach(m -> System.out.println("  error: " + m));
                r.escapes().stream().limit(8).forEach(e -> System.out.println("  ESCAPE " + e));
                assertTrue(r.escapes().isEmpty(), r + "\n" + String.join("\n", r.escapes()));
                assertTrue(r.cases() >= Math.min(cases, 20), "too few cases within the budget: " + r);
            } finally {
                delete(dir);
            }
        })), Stream.of(DynamicTest.dynamicTest("summary", () -> {
            int all = reports.stream().mapToInt(Fuzzer.Report::cases).sum();
            long esc = reports.stream().mapToLong(r -> r.escapes().size()).sum();
            System.out.println("fuzz total: " + all + " cases over " + reports.size() + " readers, " + esc + " escapes");
        })));
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}

package org.snnlab.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs seeded mutation cases against one {@link FuzzTarget}: each case must end in a result, or in an
 * {@link IOException} / {@link IllegalArgumentException} whose message is one line naming the file,
 * within a time limit. Anything else (another exception type, an {@code Error} such as
 * {@code OutOfMemoryError} or {@code StackOverflowError}, a null, multi-line or nameless message, a
 * hang) is an escape.
 */
final class Fuzzer {
    /** The longest message that still counts as one line. */
    static final int MAX_MESSAGE = 1000;

    /** What a run of cases found. */
    record Report(String target, int cases, int results, int errors, List<String> escapes, long millis, long slowestMillis, String slowestCase,
                  List<String> sampleErrors) {
        @Override
        public String toString() {
            return String.format("%-26s %5d cases: %5d results, %5d one-line errors, %d escapes (%d ms, slowest case %d ms)", target,
                    cases, results, errors, escapes.size(), millis, slowestMillis);
        }
    }

    private final long seed;
    private final int maxCases;
    private final long budgetMillis;
    private final long caseTimeoutMillis;
    private final int firstCase;

    /** Cases {@code firstCase, firstCase + 1, ...}: case i of a seed is the same mutation in every run (to reproduce one, start there). */
    Fuzzer(long seed, int firstCase, int maxCases, long budgetMillis, long caseTimeoutMillis) {
        this.firstCase = firstCase;
        this.seed = seed;
        this.maxCases = maxCases;
        this.budgetMillis = budgetMillis;
        this.caseTimeoutMillis = caseTimeoutMillis;
    }

    /** Writes the fixture into {@code dir}, checks it reads, then runs up to {@code maxCases} mutations within the budget. */
    Report run(FuzzTarget t, Path dir) throws Exception {
        Path file = t.fixture().write(dir);
        byte[] original = Files.readAllBytes(file);
        Files.write(file, t.encoding().apply(original.clone()));
        t.reader().read(file); // the fixture itself must read (throws otherwise: a broken target)
        List<FuzzTarget.Field> fields = t.fields().of(original);
        long start = System.nanoTime();
        int cases = 0, results = 0, errors = 0;
        long slowest = 0;
        String slowestCase = "";
        List<String> samples = new ArrayList<>();
        List<String> escapes = new ArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor(daemon());
        try {
            for (cases = firstCase; cases < firstCase + maxCases && (System.nanoTime() - start) / 1_000_000 < budgetMillis; cases++) {
                long caseSeed = seed * 1_000_003L + cases * 7919L + t.name().hashCode();
                Mutator.Mutant m = Mutator.mutate(original, fields, new SplittableRandom(caseSeed));
                Files.write(file, t.encoding().apply(m.bytes()));
                java.util.concurrent.atomic.AtomicReference<Thread> worker = new java.util.concurrent.atomic.AtomicReference<>();
                Future<Throwable> f = pool.submit(() -> {
                    worker.set(Thread.currentThread());
                    try {
                        t.reader().read(file);
                        return null;
                    } catch (Throwable e) {
                        return e;
                    }
                });
                Throwable e;
                long t0 = System.nanoTime();
                try {
                    e = f.get(caseTimeoutMillis, TimeUnit.MILLISECONDS);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    if (ms > slowest) {
                        slowest = ms;
                        slowestCase = "case " + cases + " (seed " + caseSeed + ", " + m.how() + ")";
                    }
                } catch (TimeoutException te) {
                    StringBuilder where = new StringBuilder();
                    Thread w = worker.get();
                    if (w != null) for (StackTraceElement el : java.util.Arrays.copyOf(w.getStackTrace(), Math.min(14, w.getStackTrace().length)))
                        where.append("\n        at ").append(el);
                    f.cancel(true);
                    pool.shutdownNow();
                    pool = Executors.newSingleThreadExecutor(daemon());
                    escapes.add(describe(t, cases, caseSeed, m, "hang: no result after " + caseTimeoutMillis + " ms" + where));
                    continue;
                }
                String bad = judge(e, file);
                if (e == null) results++;
                else if (bad == null) {
                    errors++;
                    if (samples.size() < 40 && (cases % 3 == 0)) samples.add(m.how() + " -> " + e.getMessage());
                }
                else escapes.add(describe(t, cases, caseSeed, m, bad));
            }
        } finally {
            pool.shutdownNow();
        }
        return new Report(t.name(), cases - firstCase, results, errors, List.copyOf(escapes), (System.nanoTime() - start) / 1_000_000, slowest, slowestCase,
                List.copyOf(samples));
    }

    /** Null when {@code e} is an acceptable outcome for {@code file}, else what is wrong with it. */
    static String judge(Throwable e, Path file) {
        if (e == null) return null;
        if (!(e instanceof IOException) && !(e instanceof IllegalArgumentException)) return "escaped " + trace(e);
        String m = e.getMessage();
        if (m == null) return "no message: " + trace(e);
        if (m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) return "multi-line message: " + trace(e);
        if (m.length() > MAX_MESSAGE) return "message of " + m.length() + " characters: " + trace(e);
        if (!m.contains(file.toString())) return "message does not name the file: " + trace(e);
        return null;
    }

    private static String trace(Throwable e) {
        StringBuilder b = new StringBuilder(e.getClass().getName()).append(": ").append(String.valueOf(e.getMessage()).replace('\n', '|'));
        StackTraceElement[] st = e.getStackTrace();
        for (int i = 0; i < Math.min(st.length, 6); i++) b.append("\n        at ").append(st[i]);
        if (e.getCause() != null) b.append("\n    cause: ").append(e.getCause());
        return b.toString();
    }

    private static String describe(FuzzTarget t, int i, long caseSeed, Mutator.Mutant m, String what) {
        return t.name() + " case " + i + " (seed " + caseSeed + ", " + m.how() + "): " + what;
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread th = new Thread(r, "fuzz-case");
            th.setDaemon(true);
            return th;
        };
    }
}

package org.snnlab.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Attempts of a trial that may run more than once at the same time (a remote executor's task retried
 * after its machine was lost while the first attempt may still be running), on a folder every attempt
 * sees. Each attempt trains in its own private store {@code OUT/attempts/<attempt>/trials/<id>/}; when
 * it has its result it <b>commits</b>: one atomic rename of its whole trial folder to the shared
 * {@code OUT/trials/<id>/}, then {@code done.json}. A rename onto an existing folder fails, so exactly
 * one attempt commits: the others find the winner's folder and return the winner's result. The shared
 * folder therefore ends as the local executor leaves it ({@code trial.json}, {@code run/},
 * {@code result.json}, {@code done.json}), with one finished run in it.
 *
 * <p>Crash windows: a committed folder without {@code done.json} (the attempt died between the
 * rename and the marker) still holds {@code result.json}, and whoever meets it next writes
 * {@code done.json} from it ({@link #finalizeCommitted}). Before a run, the driver moves an unfinished
 * shared folder (a killed local run) aside to {@code OUT/attempts/<id>.resume/} ({@link #setAside});
 * each attempt copies the newest such run (that, or a failed attempt's) into its own folder, so training
 * resumes from the last checkpoint as it does locally. Failed attempts' folders stay under
 * {@code OUT/attempts/} with their {@code log.txt}.
 */
public final class TrialAttempts {
    private TrialAttempts() { }

    /** The attempts folder, {@code OUT/attempts}. */
    public static Path attemptsRoot(TrialStore shared) {
        return shared.root().resolve("attempts");
    }

    /**
     * Runs one attempt of {@code t} unless it is already finished, and returns the committed result.
     *
     * @param attempt a name unique to this attempt (a folder name)
     */
    public static TrialResult run(TrialStore shared, Trial t, String attempt, Attempt body) throws Exception {
        Optional<TrialResult> done = finished(shared, t);
        if (done.isPresent()) return done.get();
        TrialStore mine = new TrialStore(attemptsRoot(shared).resolve(attempt));
        mine.prepare(t);
        resumeFrom(shared, t).ifPresent(src -> copyTree(src, mine.runDir(t)));
        TrialResult r = body.run(mine.dir(t));
        TrialStore.writeResult(mine.dir(t), r);
        return commit(shared, mine, t, r);
    }

    /** What an attempt runs: trains into {@code dir/run} and returns the result. */
    @FunctionalInterface
    public interface Attempt {
        TrialResult run(Path dir) throws Exception;
    }

    /** The result in {@code done.json}, after finishing a committed folder that lacks it. */
    public static Optional<TrialResult> finished(TrialStore shared, Trial t) throws IOException {
        Optional<TrialResult> done = shared.done(t);
        return done.isPresent() ? done : finalizeCommitted(shared, t);
    }

    /**
     * Writes {@code done.json} of a shared folder that holds {@code result.json} but no marker yet (its
     * committer died, or another attempt is just about to write the same file).
     */
    public static Optional<TrialResult> finalizeCommitted(TrialStore shared, Trial t) throws IOException {
        if (!Files.isRegularFile(shared.dir(t).resolve("result.json"))) return Optional.empty();
        TrialResult r = TrialStore.readResult(shared.dir(t));
        shared.markDone(t, r);
        return Optional.of(r);
    }

    static TrialResult commit(TrialStore shared, TrialStore mine, Trial t, TrialResult r) throws IOException {
        Files.createDirectories(shared.dir(t).getParent());
        try {
            Files.move(mine.dir(t), shared.dir(t), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException lost) { // Linux's rename(2) onto a non-empty folder: a plain FileSystemException "Directory not empty"
            if (!Files.exists(shared.dir(t))) throw lost;
            Optional<TrialResult> winner = finished(shared, t);
            if (winner.isPresent()) return winner.get();
            throw new IOException(shared.dir(t) + ": exists without a result; another attempt is running there", lost);
        }
        shared.markDone(t, r);
        deleteQuietly(mine.root());
        return r;
    }

    /**
     * Before a run (driver side, nothing running yet): for each trial not finished whose shared folder
     * exists, writes {@code done.json} when it holds a result, else moves it to
     * {@code OUT/attempts/<id>.resume} for the next attempt to resume from.
     */
    public static void setAside(TrialStore shared, List<Trial> pending) throws IOException {
        for (Trial t : pending) {
            if (!Files.isDirectory(shared.dir(t)) || finished(shared, t).isPresent()) continue;
            Path to = attemptsRoot(shared).resolve(t.id() + ".resume");
            deleteQuietly(to);
            Files.createDirectories(to.getParent());
            Files.move(shared.dir(t), to, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The newest unfinished run of {@code t} to resume from: a set-aside folder or a failed attempt's. */
    static Optional<Path> resumeFrom(TrialStore shared, Trial t) throws IOException {
        Path root = attemptsRoot(shared);
        if (!Files.isDirectory(root)) return Optional.empty();
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString().equals(t.id() + ".resume") ? p.resolve("run")
                            : p.resolve("trials").resolve(t.id()).resolve("run"))
                    .filter(run -> Files.isRegularFile(run.resolve("checkpoint.bin")))
                    .max(Comparator.comparingLong(TrialAttempts::modified));
        }
    }

    private static long modified(Path run) {
        try {
            return Files.getLastModifiedTime(run.resolve("checkpoint.bin")).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(from + ": cannot copy it to resume from (" + e.getMessage() + ")", e);
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException ignored) {
            // what is left is only clutter under attempts/
        }
    }
}

package org.snnlab.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commit protocol of attempts: one rename wins, losers return the winner's result, crash windows heal. */
class TrialAttemptsTest {
    static final Trial T = new Trial(Map.of("--model", "fc"), Map.of("lr", "1e-3"), 1);

    static TrialResult result(double acc) {
        return new TrialResult(TrialResult.Status.DONE, acc, acc, 1, -1, 1.0, Double.NaN, 0, 0, "test", List.of(acc), "");
    }

    @Test
    void twoAttemptsOfOneTrialCommitOnceAndBothReturnTheWinner(@TempDir Path out) throws Exception {
        TrialStore shared = new TrialStore(out);
        AtomicInteger trained = new AtomicInteger();
        TrialResult first = TrialAttempts.run(shared, T, "a0", dir -> {
            // a second attempt (a zombie's retry) finishes and commits while this one is still training
            TrialResult other = TrialAttempts.run(shared, T, "a1", d -> { trained.incrementAndGet(); return result(0.5); });
            assertEquals(0.5, other.finalTestAcc());
            trained.incrementAndGet();
            return result(0.7);
        });
        assertEquals(2, trained.get());
        assertEquals(0.5, first.finalTestAcc(), "the loser returns the committed result");
        assertEquals(0.5, shared.done(T).orElseThrow().finalTestAcc());
        assertTrue(Files.isRegularFile(shared.dir(T).resolve("trial.json")));
        assertTrue(Files.isDirectory(TrialAttempts.attemptsRoot(shared).resolve("a0")), "the loser's folder stays aside");
        assertFalse(Files.exists(TrialAttempts.attemptsRoot(shared).resolve("a1")), "the winner's attempt folder is gone");
        TrialResult again = TrialAttempts.run(shared, T, "a2", d -> { throw new AssertionError("a finished trial does not run"); });
        assertEquals(0.5, again.finalTestAcc());
    }

    @Test
    void aCommitWithoutItsMarkerIsFinishedFromResultJson(@TempDir Path out) throws Exception {
        TrialStore shared = new TrialStore(out);
        shared.prepare(T);
        TrialStore.writeResult(shared.dir(T), result(0.3)); // committed, then the attempt died before done.json
        assertEquals(0.3, TrialAttempts.finished(shared, T).orElseThrow().finalTestAcc());
        assertTrue(Files.isRegularFile(shared.dir(T).resolve("done.json")));
    }

    @Test
    void anUnfinishedRunIsSetAsideAndTheNextAttemptResumesFromIt(@TempDir Path out) throws Exception {
        TrialStore shared = new TrialStore(out);
        shared.prepare(T);
        Files.createDirectories(shared.runDir(T));
        Files.writeString(shared.runDir(T).resolve("checkpoint.bin"), "epoch 3");
        TrialAttempts.setAside(shared, List.of(T));
        assertFalse(Files.exists(shared.dir(T)));
        TrialResult r = TrialAttempts.run(shared, T, "a0", dir -> {
            assertEquals("epoch 3", Files.readString(dir.resolve("run/checkpoint.bin")), "resumes from the set-aside checkpoint");
            return result(0.9);
        });
        assertEquals(0.9, r.finalTestAcc());
        assertEquals("epoch 3", Files.readString(shared.runDir(T).resolve("checkpoint.bin")));
    }
}

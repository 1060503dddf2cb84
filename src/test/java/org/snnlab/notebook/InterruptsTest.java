package org.snnlab.notebook;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interrupts finds the threads running cell code by their REPL frames and interrupts only those. */
class InterruptsTest {

    @Test
    void onlyThreadsInSnippetCodeAreInterrupted() throws Exception {
        CompletableFuture<Boolean> cell = new CompletableFuture<>(), other = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(2);
        Thread c = new Thread(() -> { started.countDown(); cell.complete(REPL.FakeSnippet.sleepUntilInterrupted()); }, "fake-cell");
        Thread o = new Thread(() -> {
            started.countDown();
            try {
                Thread.sleep(3_000);
                other.complete(false);
            } catch (InterruptedException e) {
                other.complete(true);
            }
        }, "not-a-cell");
        c.start();
        o.start();
        started.await();
        while (!Interrupts.runsCell(c.getStackTrace())) Thread.onSpinWait(); // until it is inside the snippet
        List<String> hit = Interrupts.interruptCells();
        assertTrue(hit.contains("fake-cell") && !hit.contains("not-a-cell"), hit.toString());
        assertTrue(cell.get(5, TimeUnit.SECONDS), "the cell thread was interrupted");
        assertFalse(other.get(10, TimeUnit.SECONDS), "the other thread was left alone");
    }
}

package org.snnlab.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Child-JVM trials: the result comes back, threads are set, a failure names its cause, orphans exit. */
class ProcessTrialRunnerTest {

    @Test
    void aChildTrialHandsBackItsResultWithItsThreads(@TempDir Path out) throws Exception {
        TrialStore store = new TrialStore(out);
        Trial t = FakeTrialMain.trial(7);
        store.prepare(t);
        TrialResult r = new ProcessTrialRunner(List.of(FakeTrialMain.class.getName(), "ok")).run(t, store.dir(t), 3);
        assertEquals(0.7, r.finalTestAcc(), 1e-12);
        assertTrue(Files.readString(store.dir(t).resolve("log.txt")).contains("threads 3"), "OMP_NUM_THREADS = threads");
    }

    @Test
    void aFailingChildIsAFailedTrialWithItsLastLine(@TempDir Path out) throws Exception {
        TrialStore store = new TrialStore(out);
        Trial t = FakeTrialMain.trial(1);
        store.prepare(t);
        var e = assertThrows(IOException.class,
                () -> new ProcessTrialRunner(List.of(FakeTrialMain.class.getName(), "fail")).run(t, store.dir(t), 1));
        assertTrue(e.getMessage().contains("exited with 2") && e.getMessage().contains("bad things: no data"), e.getMessage());
    }

    @Test
    void aChildWatchingItsParentExitsWhenStdinCloses(@TempDir Path out) throws Exception {
        List<String> cmd = ProcessTrialRunner.javaCommand(1);
        cmd.addAll(List.of(FakeTrialMain.class.getName(), "hang", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve("log").toFile()).start();
        assertTrue(!p.waitFor(1, TimeUnit.SECONDS), "it sleeps while the pipe is open");
        p.getOutputStream().close(); // what the kernel does when the parent dies
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the orphan must exit");
        assertEquals(ParentWatch.ORPHANED, p.exitValue());
    }
}

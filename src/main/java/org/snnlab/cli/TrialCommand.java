package org.snnlab.cli;

import org.snnlab.sweep.ParentWatch;
import org.snnlab.sweep.TrialResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code snnlab trial DIR} (hidden): runs the sweep trial described by {@code DIR/trial.json} in this
 * JVM and writes {@code DIR/result.json}; the child process of a sweep. With {@code --watch-parent}
 * it exits as soon as its stdin closes (the sweep that started it is gone).
 */
@Command(name = "trial", hidden = true, mixinStandardHelpOptions = true,
        description = "Run one sweep trial folder (used by sweep's child processes).")
public final class TrialCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the trial folder (holding trial.json)") Path dir;
    @Option(names = "--data-cache", description = "emulated event data cache folder") Path dataCache;
    @Option(names = "--watch-parent", description = "exit when stdin closes") boolean watch;

    @Override
    public Integer call() throws Exception {
        if (watch) ParentWatch.start(System.in);
        TrialResult r = TrainTrials.runFolder(dir, dataCache);
        System.out.println(String.format(Locale.ROOT, "trial %s: %s, final test accuracy %.4f after %d epochs",
                dir.getFileName(), r.status().name().toLowerCase(Locale.ROOT), r.finalTestAcc(), r.epochs()));
        return 0;
    }
}

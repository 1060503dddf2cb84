package org.snnlab.cli;

import org.snnlab.core.GpuCheck;
import org.snnlab.train.NonFiniteException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code snnlab} command. Bad arguments and bad input end with ONE line on stderr and exit code 2;
 * a run stopped by the NaN/Inf guard exits with 3; no stack traces unless {@code SNNLAB_DEBUG=1}.
 */
@Command(name = "snnlab", mixinStandardHelpOptions = true, version = "snnlab 0.1.0",
        description = "Train spiking neural networks efficiently.",
        subcommands = {TrainCommand.class, BenchCommand.class, LrScanCommand.class, SweepCommand.class, ReproduceCommand.class,
                DataCommand.class, TrialCommand.class, NirCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        try {
            GpuCheck.requireSupportedGpu(); // before ND4J loads: its CUDA build crashes natively on Hopper and newer
        } catch (IllegalStateException e) {
            System.err.println("snnlab: error: " + e.getMessage());
            return 2;
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("snnlab: " + ex.getMessage() + " (see: snnlab " + commandName(ex.getCommandLine()) + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            if ("1".equals(System.getenv("SNNLAB_DEBUG"))) ex.printStackTrace();
            System.err.println("snnlab: error: " + oneLine(ex));
            return ex instanceof NonFiniteException ? 3 : 2;
        });
        return cl.execute(args);
    }

    private static String commandName(CommandLine c) {
        return c.getCommandName().equals("snnlab") ? "" : c.getCommandName();
    }

    static String oneLine(Throwable ex) {
        Throwable t = ex;
        if (t instanceof UncheckedIOException && t.getCause() != null) t = t.getCause();
        String m = t.getMessage();
        if (m == null || m.isBlank()) m = t.getClass().getSimpleName();
        if (t instanceof IOException && !(t instanceof java.nio.file.NoSuchFileException)) return m.replace('\n', ' ');
        if (t instanceof java.nio.file.NoSuchFileException) return "no such file: " + m;
        return m.replace('\n', ' ');
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}

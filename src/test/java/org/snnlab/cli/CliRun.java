package org.snnlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@link Main#run} in this JVM capturing stdout and stderr (tests run one at a time). */
record CliRun(int rc, String out, String err) {

    static synchronized CliRun of(String... args) {
        PrintStream o = System.out, e = System.err;
        ByteArrayOutputStream bo = new ByteArrayOutputStream(), be = new ByteArrayOutputStream();
        try (PrintStream po = new PrintStream(bo, true, StandardCharsets.UTF_8); PrintStream pe = new PrintStream(be, true, StandardCharsets.UTF_8)) {
            System.setOut(po);
            System.setErr(pe);
            int rc = Main.run(args);
            return new CliRun(rc, bo.toString(StandardCharsets.UTF_8), be.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(o);
            System.setErr(e);
            o.print(bo.toString(StandardCharsets.UTF_8)); // keep the output in the test log
            e.print(be.toString(StandardCharsets.UTF_8));
        }
    }

    /** The last non-blank stdout line. */
    String lastLine() {
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** stderr lines that are not JVM warnings. */
    List<String> errorLines() {
        return err.lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING")).toList();
    }
}

package org.snnlab.sweep;

import java.io.IOException;
import java.io.InputStream;

/**
 * The child side of {@link ProcessTrialRunner}'s lifeline: a daemon thread reads stdin, which the
 * parent holds open as a pipe, and halts this JVM when it reaches end-of-file, i.e. when the parent has
 * exited for any reason, SIGKILL included (the kernel closes the parent's end of the pipe).
 */
public final class ParentWatch {
    /** Exit status of a trial ended because its sweep went away (128 + SIGTERM). */
    public static final int ORPHANED = 143;

    private ParentWatch() { }

    /** Starts watching {@code in} (normally System.in); at end-of-file or a read error the JVM halts. */
    public static Thread start(InputStream in) {
        Thread t = new Thread(() -> {
            try {
                byte[] buf = new byte[256];
                while (in.read(buf) != -1) { /* the parent never writes; drain anyway */ }
            } catch (IOException ignored) {
                // the pipe broke: the parent is gone
            }
            Runtime.getRuntime().halt(ORPHANED);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }
}

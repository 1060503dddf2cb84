package org.snnlab.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns a Jupyter interrupt delivered as a signal into {@link Thread#interrupt()} of the threads
 * running notebook cell code, so that cooperative code ({@link org.snnlab.train.Trainer#fit}, which
 * checks its thread before every batch) stops within one batch and the cell ends with an error through
 * the kernel's ordinary reply.
 *
 * <p>Why: rapaio-jupyter-kernel 3.0.1 answers a message-mode {@code interrupt_request} on its control
 * thread while sharing one "current message" with the shell thread, so the interrupted cell's
 * {@code execute_reply} goes out under the interrupt's parent header (the front end never sees the cell
 * finish), or the request is lost; it also only cancels the cell's future, which stops no loop that
 * ignores interrupts. The snnlab kernelspec therefore asks for {@code "interrupt_mode": "signal"}:
 * Jupyter sends SIGINT to the kernel JVM, whose default reaction is to exit. {@link #install()}
 * (called at JVM start by {@link InterruptAgent}) replaces that reaction by {@link #interruptCells()}.
 *
 * <p>Cell threads are found by their stacks: JShell compiles every snippet into a class of package
 * {@code REPL}, so a thread with a {@code REPL.} frame is running a cell (rapaio's and JJava's
 * executor threads alike; the kernel's own channel threads never have one). Code that never checks
 * its interrupt status (a bare loop, one long native call) is not stopped by this.
 */
public final class Interrupts {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private Interrupts() { }

    /**
     * Makes SIGINT interrupt the running cells instead of ending the JVM (idempotent). Returns false,
     * leaving the JVM's handling alone, where signals cannot be handled ({@code -Xrs}, no
     * {@code jdk.unsupported} module).
     */
    public static boolean install() {
        if (INSTALLED.get()) return true;
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> interruptCells());
            INSTALLED.set(true);
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }

    /** Whether {@link #install()} has taken over SIGINT in this JVM. */
    public static boolean installed() {
        return INSTALLED.get();
    }

    /** Interrupts every thread now running notebook cell code; returns their names. */
    public static List<String> interruptCells() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (t == Thread.currentThread() || !runsCell(e.getValue())) continue;
            t.interrupt();
            names.add(t.getName());
        }
        return names;
    }

    /** Whether a stack holds a frame of JShell's snippet classes (package {@code REPL}). */
    static boolean runsCell(StackTraceElement[] stack) {
        for (StackTraceElement f : stack)
            if (f.getClassName().startsWith("REPL.")) return true;
        return false;
    }
}

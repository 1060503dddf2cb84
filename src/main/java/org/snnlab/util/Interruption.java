package org.snnlab.util;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.regex.Pattern;

/**
 * Whether a failure is a thread interrupt in disguise. Code that catches {@link InterruptedException}
 * often clears the interrupt status and throws something else: the JDK's interruptible I/O
 * ({@link InterruptedIOException}, {@link ClosedByInterruptException}) and ZeroMQ, whose Java port
 * (inside both Jupyter kernels snnlab runs in) reports an interrupted send as
 * {@code ZMQException: Errno 4 : Interrupted function} (EINTR). A caller that wants to stop cleanly on
 * an interrupt checks {@code Thread.interrupted() || Interruption.causes(e)}.
 */
public final class Interruption {
    /** jeromq's ZMQException: message "Errno 4", toString "...ZMQException: Errno 4 : Interrupted function". */
    private static final Pattern EINTR = Pattern.compile("Errno 4\\b");

    private Interruption() { }

    /** True when {@code e} or one of its causes is an interrupt (see the class comment). */
    public static boolean causes(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof InterruptedIOException || t instanceof ClosedByInterruptException)
                return true;
            if (t.getClass().getSimpleName().equals("ZMQException") && EINTR.matcher(t.toString()).find())
                return true;
        }
        return false;
    }
}

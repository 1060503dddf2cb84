package REPL;

/**
 * Stands in for a JShell snippet class (JShell compiles every cell into package {@code REPL}):
 * a thread in {@link #sleepUntilInterrupted()} looks to org.snnlab.notebook.Interrupts like a running cell.
 */
public final class FakeSnippet {
    private FakeSnippet() { }

    /** Sleeps until interrupted; returns true then, false after 30 s. */
    public static boolean sleepUntilInterrupted() {
        try {
            Thread.sleep(30_000);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}

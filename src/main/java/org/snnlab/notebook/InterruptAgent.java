package org.snnlab.notebook;

/**
 * The {@code -javaagent} of the "snnlab" (rapaio) kernel JVM: installs {@link Interrupts} before the
 * kernel starts, so a Jupyter interrupt (SIGINT, {@code "interrupt_mode": "signal"}) interrupts the
 * running cell instead of ending the JVM. An agent, not a line of the start-up script, because rapaio
 * compiles its start-up script as one unit that may hold only imports and declarations.
 * {@code kernel/install.sh} packs this class and {@link Interrupts} (they need nothing but the JDK)
 * into {@code target/kernel/snnlab-interrupts.jar}.
 */
public final class InterruptAgent {
    private InterruptAgent() { }

    /** Agent entry point: takes over SIGINT (see {@link Interrupts#install()}). */
    public static void premain(String args) {
        if (!Interrupts.install())
            System.err.println("snnlab: cannot handle SIGINT in this JVM; a Jupyter interrupt will end the kernel");
    }
}

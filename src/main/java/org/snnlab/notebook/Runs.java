package org.snnlab.notebook;

import java.nio.file.Path;

/**
 * Where a notebook's training runs write (metrics.csv, provenance.json, checkpoints): under
 * {@code -Dsnnlab.runs}, else {@code $SNNLAB_RUNS}, else {@code ./runs} (beside the notebook in a
 * kernel). {@code snnlab reproduce} points {@code SNNLAB_RUNS} at a fresh folder in its report, so a
 * report never resumes from an old checkpoint; in an interactive session re-running a cell resumes.
 */
public final class Runs {
    private Runs() { }

    /** The base folder for runs. */
    public static Path base() {
        String p = System.getProperty("snnlab.runs");
        if (p == null || p.isBlank()) p = System.getenv("SNNLAB_RUNS");
        return Path.of(p == null || p.isBlank() ? "runs" : p);
    }

    /** The folder of one named run, e.g. {@code Runs.dir("quickstart-smoke")}. */
    public static Path dir(String name) {
        if (name == null || name.isBlank() || name.contains("..") || Path.of(name).isAbsolute())
            throw new IllegalArgumentException("a run name must be a relative name without '..', got '" + name + "'");
        return base().resolve(name);
    }
}

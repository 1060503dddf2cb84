package org.snnlab.core;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Supplier;

/**
 * Runs one training or inference step inside an ND4J memory workspace: every temporary array of the
 * step (activations, membranes, gradients) comes from one block that is reused by the next step,
 * instead of fresh off-heap allocations (~2 us per 4 KB page here, the main cost of a naive step).
 * Nothing allocated inside may outlive the step: results must leave as Java values (loss, predictions)
 * or be written into arrays allocated outside (parameter gradients). Optimizers run outside.
 * {@link ComputeOptions#workspaces()} off (debugging) allocates normally.
 */
public final class Workspace {
    private static final WorkspaceConfiguration STEP = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).build();

    private Workspace() { }

    /** {@link #step(String, ComputeOptions, Supplier)} with workspaces on (the default). */
    public static <T> T step(String id, Supplier<T> body) {
        return step(id, true, body);
    }

    /** Runs {@code body} in the step workspace {@code id}, or plainly when {@code compute.workspaces()} is off. */
    public static <T> T step(String id, ComputeOptions compute, Supplier<T> body) {
        return step(id, compute.workspaces(), body);
    }

    /**
     * Runs {@code body} in its own nested workspace {@code id} inside the current step: what it
     * allocates is reused by the next call with the same id, so a loop over segments of a step (time
     * checkpointing) holds one segment's temporaries at a time. Results that must outlive it go into
     * arrays allocated before (or {@code Nd4j.createUninitializedDetached}).
     */
    public static void scope(String id, ComputeOptions compute, Runnable body) {
        step(id, compute.workspaces(), () -> {
            body.run();
            return null;
        });
    }

    private static <T> T step(String id, boolean enabled, Supplier<T> body) {
        if (!enabled) return body.get();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, "snnlab-" + id)) {
            return body.get();
        }
    }
}

package org.snnlab.train;

/**
 * Hyper-parameters of a training run that the {@link Trainer} itself reads (immutable, validated).
 * Model, loss, optimizer, schedule and encoder are passed as objects; their descriptions go to the
 * provenance record.
 *
 * @param epochs        number of passes over the training set (>= 1)
 * @param batchSize     examples per optimizer step (>= 1)
 * @param steps         time steps T per example (>= 1)
 * @param seed          the one seed: shuffles, dropout masks, encoders (derived per epoch and batch)
 * @param clipNorm      global gradient-norm clip, 0 = off
 * @param checkpoint    write a checkpoint after every epoch and resume from one when present
 */
public record TrainConfig(int epochs, int batchSize, int steps, long seed, double clipNorm, boolean checkpoint) {
    public TrainConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (steps < 1) throw new IllegalArgumentException("time steps must be >= 1, got " + steps);
        if (!(clipNorm >= 0)) throw new IllegalArgumentException("clip norm must be >= 0, got " + clipNorm);
    }

    /** Seed of the random stream for one batch: a pure function, so a resumed run draws the same numbers. */
    public long batchSeed(int epoch, int batch) {
        return mix(mix(seed ^ 0x5DEECE66DL, epoch), batch);
    }

    /** Seed of the shuffle of one epoch. */
    public long shuffleSeed(int epoch) {
        return mix(seed, 1_000_003L + epoch);
    }

    /** Seed of the data-pruning draw of one epoch (independent of the shuffle's). */
    public long pruneSeed(int epoch) {
        return mix(seed ^ 0x7F4A7C15L, 2_000_003L + epoch);
    }

    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

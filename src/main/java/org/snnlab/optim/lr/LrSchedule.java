package org.snnlab.optim.lr;

/**
 * A learning rate as a pure function of training progress: {@code epoch} (0-based) and the global
 * {@code iteration} (0-based count of optimizer steps since the start). Pure functions make resumed
 * runs exact and let every policy be tested against hand-computed values.
 */
public interface LrSchedule {

    double lr(int epoch, long iteration);

    String describe();
}

package org.snnlab.loss;

import org.snnlab.core.Seq;

/**
 * @param value      the (weighted) mean loss over the batch
 * @param perExample the unweighted loss of each example
 * @param gradient   dL/d(output) in the output's layout
 */
public record LossResult(double value, double[] perExample, Seq gradient) { }

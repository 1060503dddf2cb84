package org.snnlab.train;

/**
 * Loss and accuracy on a data set, with the confusion matrix ({@code confusion[true][predicted]}).
 */
public record Evaluation(double loss, double accuracy, int[][] confusion) {
}

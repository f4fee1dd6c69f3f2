package io.sparktune.model;

import io.sparktune.input.SpecName;

/**
 * How much each training image's loss counts by its class: {@code none} (all alike) or {@code balanced} (by
 * inverse class frequency, n / (classes x n_c), as scikit-learn's and Keras users' "balanced"), so a class
 * with a tenth of the images weighs as much in the loss as the others together would want it to.
 */
public enum ClassWeights implements SpecName {
    NONE, BALANCED;

    /** Each class's weight for training images with {@code labels}; null for {@code none}. */
    public float[] of(int[] labels, int classes) {
        if (this == NONE) {
            return null;
        }
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        float[] weights = new float[classes];
        for (int c = 0; c < classes; c++) {
            // A class without training images never meets its weight; 1 keeps the array finite.
            weights[c] = counts[c] == 0 ? 1f : (float) ((double) labels.length / ((double) classes * counts[c]));
        }
        return weights;
    }
}

package io.sparktune.model;

import io.sparktune.input.SpecName;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * How weights start. Both draw from uniform distributions, as Keras's glorot_uniform and he_uniform do:
 * Glorot's keeps the variance of signals and gradients for tanh-like units, He's doubles it for ReLU, which
 * zeroes half of its inputs.
 */
public enum WeightInitScheme implements SpecName {
    XAVIER(WeightInit.XAVIER_UNIFORM),
    HE(WeightInit.RELU_UNIFORM);

    private final WeightInit dl4j;

    WeightInitScheme(WeightInit dl4j) {
        this.dl4j = dl4j;
    }

    public WeightInit dl4j() {
        return dl4j;
    }
}

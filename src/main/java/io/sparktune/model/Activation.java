package io.sparktune.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sparktune.input.SpecName;
import org.nd4j.linalg.activations.IActivation;

/** Hidden-layer activations a user may search over. */
public enum Activation implements SpecName {
    RELU("relu", org.nd4j.linalg.activations.Activation.RELU),
    SIGMOID("sigmoid", org.nd4j.linalg.activations.Activation.SIGMOID),
    TANH("tanh", org.nd4j.linalg.activations.Activation.TANH),
    LEAKYRELU("leakyrelu", org.nd4j.linalg.activations.Activation.LEAKYRELU),
    /** DL4J's approximation x * sigmoid(1.702 x), within 0.02 of the exact x * Phi(x) PyTorch computes. */
    GELU("gelu", org.nd4j.linalg.activations.Activation.GELU);

    private final String specName;
    private final org.nd4j.linalg.activations.Activation dl4j;

    Activation(String specName, org.nd4j.linalg.activations.Activation dl4j) {
        this.specName = specName;
        this.dl4j = dl4j;
    }

    @JsonValue
    @Override
    public String specName() {
        return specName;
    }

    /** The function a network computes: DL4J's, except for ReLU's and GELU's backward passes, sparktune's. */
    public IActivation function() {
        return switch (this) {
            case RELU -> new ReluActivation();
            case GELU -> new GeluActivation();
            default -> dl4j.getActivationFunction();
        };
    }

    /** Accepts the spellings users type ("ReLU", "leaky_relu", "Leaky ReLU"). */
    @JsonCreator
    public static Activation fromSpec(String text) {
        return SpecName.parse(Activation.class, text, "activation");
    }

    public static String allowed() {
        return SpecName.allowed(Activation.class);
    }

    @Override
    public String toString() {
        return specName;
    }
}

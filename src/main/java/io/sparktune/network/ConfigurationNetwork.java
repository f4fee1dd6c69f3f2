package io.sparktune.network;

import io.sparktune.data.ImageShape;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;

/**
 * A network given as a DL4J configuration: a MultiLayerConfiguration or ComputationGraphConfiguration JSON
 * the user wrote or DL4J saved, or a Keras model read into one. It holds the configuration's text, read once
 * on the driver, so executors need not see the file; {@code origin} names where it came from.
 */
public record ConfigurationNetwork(String origin, String json) implements NetworkSource {

    @Override
    public Network build(ModelConfig model, NetworkInput input, long seed) {
        return TrialTraining.network(configuration(), null, model, input, seed);
    }

    @Override
    public double trainingFlops(ModelConfig model, ImageShape shape, int classes) {
        return LayerCount.of(json, shape, this::configuration).trainingFlops();
    }

    @Override
    public long trainingBytes(ModelConfig model, ImageShape shape, int classes) {
        return LayerCount.of(json, shape, this::configuration).trainingBytes(model.get(Hyperparameters.BATCH_SIZE));
    }

    @Override
    public String description() {
        return origin;
    }

    @Override
    public String identity() {
        return NetworkSource.digest(origin, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A fresh copy each time: training settings are laid over it. */
    public Object configuration() {
        return Network.configurationFromJson(json);
    }
}

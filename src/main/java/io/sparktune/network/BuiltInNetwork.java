package io.sparktune.network;

import io.sparktune.data.ImageShape;
import io.sparktune.model.CnnFactory;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkCost;
import io.sparktune.model.NetworkInput;
import io.sparktune.model.NetworkMemory;

/** The built-in family: every hyperparameter shapes the network ({@link CnnFactory}). */
public record BuiltInNetwork() implements NetworkSource {
    public static final BuiltInNetwork INSTANCE = new BuiltInNetwork();

    @Override
    public Network build(ModelConfig model, NetworkInput input, long seed) {
        Network network = Network.of(CnnFactory.build(model, input, seed));
        network.prepare();
        return network;
    }

    @Override
    public double trainingFlops(ModelConfig model, ImageShape shape, int classes) {
        return NetworkCost.trainingFlops(model, shape, classes);
    }

    @Override
    public long trainingBytes(ModelConfig model, ImageShape shape, int classes) {
        return NetworkMemory.trainingBytes(model, shape, classes);
    }

    @Override
    public String description() {
        return "built-in family";
    }
}

package io.sparktune.api;

import org.deeplearning4j.nn.api.NeuralNetwork;

/**
 * Builds the network of one trial: implement it in your own jar to tune your own DL4J network. sparktune
 * calls {@link #build} once for every trial, in whichever JVM trains it, with the trial's hyperparameters,
 * the images' shape, the number of classes and the trial's seed. Return a new, initialised
 * {@code MultiLayerNetwork} or {@code ComputationGraph} that takes {@code channels x height x width} images
 * (NCHW, DL4J's default) and ends in an output layer of {@code classes} units.
 *
 * <p>sparktune then trains it as the trial says: its updater, learning rate and schedule, l2 and weight
 * decay replace the ones your configuration set, and the weights you initialised are kept. The class needs a
 * public constructor without arguments. Name it in the spec by its class name,
 * {@code "network": {"builder": "com.example.MyNet"}}, or by {@link #name()} when it is listed for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/io.sparktune.api.NetworkBuilder}.
 */
public interface NetworkBuilder {
    NeuralNetwork build(NetworkRequest request);

    /** The name a spec may use instead of the class name. */
    default String name() {
        return getClass().getName();
    }
}

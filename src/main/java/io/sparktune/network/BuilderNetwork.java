package io.sparktune.network;

import io.sparktune.api.NetworkBuilder;
import io.sparktune.api.NetworkRequest;
import io.sparktune.data.ImageShape;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import java.lang.reflect.InvocationTargetException;
import java.util.ServiceLoader;
import org.deeplearning4j.nn.api.NeuralNetwork;

/**
 * A network the user's own {@link NetworkBuilder} builds for each trial, found by class name or by the name
 * it gives {@link java.util.ServiceLoader}, in the thread's class loader: on Spark, the one that holds the
 * jars given with {@code --jars}.
 */
public record BuilderNetwork(String builder) implements NetworkSource {
    @Override
    public Network build(ModelConfig model, NetworkInput input, long seed) {
        Network built = built(model, input.shape(), input.classes(), seed);
        return TrialTraining.network(built.configuration(), built.params(), model, input, seed);
    }

    @Override
    public double trainingFlops(ModelConfig model, ImageShape shape, int classes) {
        return count(model, shape, classes).trainingFlops();
    }

    @Override
    public long trainingBytes(ModelConfig model, ImageShape shape, int classes) {
        return count(model, shape, classes).trainingBytes(model.get(Hyperparameters.BATCH_SIZE));
    }

    @Override
    public String description() {
        return "builder " + builder;
    }

    /** The builder named, or an error saying why there is none: not found, not a builder, not constructible. */
    public NetworkBuilder load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type;
        try {
            type = Class.forName(builder, true, loader);
        } catch (ClassNotFoundException e) {
            for (NetworkBuilder listed : ServiceLoader.load(NetworkBuilder.class, loader)) {
                if (listed.name().equals(builder)) {
                    return listed;
                }
            }
            throw new IllegalArgumentException("no class " + builder + " on the classpath, and no NetworkBuilder"
                    + " listed for ServiceLoader is named so; give its jar with --jars (or SPARKTUNE_JARS)");
        }
        if (!NetworkBuilder.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(builder + " does not implement " + NetworkBuilder.class.getName());
        }
        try {
            return (NetworkBuilder) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException(builder + " needs a public constructor without arguments");
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(builder + "'s constructor threw " + e.getCause());
        } catch (InstantiationException e) {
            throw new IllegalArgumentException(builder + " is abstract");
        }
    }

    /** The builder's network for a trial, as it built it; a throw or a null says whose fault it was. */
    Network built(ModelConfig model, ImageShape shape, int classes, long seed) {
        NetworkRequest request = new NetworkRequest(shape.height(), shape.width(), shape.channels(), classes, seed,
                model.toMap());
        NeuralNetwork network;
        try {
            network = load().build(request);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the builder " + builder + " threw " + e);
        }
        if (network == null) {
            throw new IllegalArgumentException("the builder " + builder + " returned null, not a network");
        }
        return Network.of(network);
    }

    private LayerCount count(ModelConfig model, ImageShape shape, int classes) {
        // The network may differ with any of the trial's hyperparameters but its epochs.
        return LayerCount.of("builder " + builder + " " + classes + " " + model.anyEpochs(), shape,
                () -> built(model, shape, classes, 0).configuration());
    }
}

package io.sparktune.network;

import io.sparktune.data.ImageShape;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.AlexNet;
import org.deeplearning4j.zoo.model.Darknet19;
import org.deeplearning4j.zoo.model.LeNet;
import org.deeplearning4j.zoo.model.NASNet;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.SimpleCNN;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.deeplearning4j.zoo.model.VGG16;
import org.deeplearning4j.zoo.model.VGG19;
import org.deeplearning4j.zoo.model.Xception;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An architecture of DL4J's zoo, built for the data's image shape and classes with fresh weights: the zoo's
 * downloadable weights are never fetched.
 */
public record ZooNetwork(String name) implements NetworkSource {
    private static final Map<String, BiFunction<Integer, Long, ZooModel<?>>> ARCHITECTURES = new LinkedHashMap<>();

    static {
        ARCHITECTURES.put("alexnet", (classes, seed) -> AlexNet.builder().numClasses(classes).seed(seed).build());
        ARCHITECTURES.put("darknet19", (classes, seed) -> Darknet19.builder().numClasses(classes).seed(seed).build());
        ARCHITECTURES.put("lenet", (classes, seed) -> LeNet.builder().numClasses(classes).seed(seed).build());
        ARCHITECTURES.put("nasnet", (classes, seed) -> NASNet.builder().numClasses(classes).seed(seed).build());
        ARCHITECTURES.put("resnet50", (classes, seed) -> ResNet50.builder().numClasses(classes).seed(seed).build());
        ARCHITECTURES.put("simplecnn", (classes, seed) -> SimpleCNN.builder().numClasses(classes).seed(seed).build());
        ARCHITECTURES.put("squeezenet", (classes, seed) -> SqueezeNet.builder().numClasses(classes).seed(seed).build());
        ARCHITECTURES.put("vgg16", (classes, seed) -> VGG16.builder().numClasses(classes).seed(seed).build());
        ARCHITECTURES.put("vgg19", (classes, seed) -> VGG19.builder().numClasses(classes).seed(seed).build());
        ARCHITECTURES.put("xception", (classes, seed) -> Xception.builder().numClasses(classes).seed(seed).build());
    }

    /** The largest side {@link #minimumSide} tries. */
    static final int LARGEST_PROBE = 1024;

    /** The names a spec may give. */
    public static java.util.Set<String> names() {
        return ARCHITECTURES.keySet();
    }

    /** The architecture a spec names, any case; an error lists those there are. */
    public static ZooNetwork named(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!ARCHITECTURES.containsKey(key)) {
            throw new IllegalArgumentException("'" + name + "' is not a zoo architecture; there are "
                    + String.join(", ", ARCHITECTURES.keySet()));
        }
        return new ZooNetwork(key);
    }

    @Override
    public Network build(ModelConfig model, NetworkInput input, long seed) {
        return TrialTraining.network(configuration(input.shape(), input.classes(), seed), null, model, input, seed);
    }

    @Override
    public double trainingFlops(ModelConfig model, ImageShape shape, int classes) {
        return count(shape, classes).trainingFlops();
    }

    @Override
    public long trainingBytes(ModelConfig model, ImageShape shape, int classes) {
        return count(shape, classes).trainingBytes(model.get(Hyperparameters.BATCH_SIZE));
    }

    private LayerCount count(ImageShape shape, int classes) {
        return LayerCount.of("zoo " + name + " " + classes, shape, () -> configuration(shape, classes, 0));
    }

    @Override
    public String description() {
        return "zoo " + name;
    }

    /**
     * The smallest side of a square image with {@code channels} channels the architecture takes, or -1 if none
     * up to {@link #LARGEST_PROBE}: found by halving the interval between a side it refuses and one it takes.
     */
    int minimumSide(int channels) {
        int taken = 8;
        while (taken <= LARGEST_PROBE && !takes(taken, channels)) {
            taken *= 2;
        }
        if (taken > LARGEST_PROBE) {
            return -1;
        }
        int refused = taken / 2;
        if (refused >= 1 && takes(refused, channels)) {
            refused = 0;
        }
        while (taken - refused > 1) {
            int middle = (taken + refused) / 2;
            if (takes(middle, channels)) {
                taken = middle;
            } else {
                refused = middle;
            }
        }
        return taken;
    }

    private boolean takes(int side, int channels) {
        ImageShape shape = new ImageShape(channels, side, side);
        try (INDArray image = Nd4j.zeros(DataType.FLOAT, 1, channels, side, side)) {
            Network network = Network.init(configuration(shape, 2, 0), null);
            return network.output(image).size(1) == 2;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The architecture's configuration for images of {@code shape}. The zoo's classes build it from
     * {@code conf()} or, for graphs, {@code graphBuilder()}, with no common method for either.
     */
    public Object configuration(ImageShape shape, int classes, long seed) {
        ZooModel<?> zoo = ARCHITECTURES.get(name).apply(classes, seed);
        zoo.setInputShape(new int[][] {{shape.channels(), shape.height(), shape.width()}});
        try {
            try {
                return zoo.getClass().getMethod("conf").invoke(zoo);
            } catch (NoSuchMethodException e) {
                return ((ComputationGraphConfiguration.GraphBuilder) zoo.getClass().getMethod("graphBuilder")
                        .invoke(zoo)).build();
            }
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("zoo " + name + " has neither conf() nor graphBuilder()", e);
        }
    }
}

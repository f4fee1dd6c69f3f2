package io.sparktune.network;

import io.sparktune.data.ImageShape;
import io.sparktune.input.SpecException;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import java.util.Arrays;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks on the driver, before any trial, that a network from outside the built-in family fits the data:
 * built with the baseline's hyperparameters, it must take one image of the data's shape and give one
 * probability per class. A network that does not is refused naming what differs, so nothing trains.
 */
public final class NetworkCheck {
    private NetworkCheck() {
    }

    public static void check(NetworkSource source, ModelConfig baseline, ImageShape shape, int classes) {
        if (source instanceof BuiltInNetwork) {
            return; // its factory builds it for the data; impossible shapes fail their own trials
        }
        NetworkInput input = NetworkInput.withoutImages(shape, classes, 1, baseline.get(Hyperparameters.EPOCHS));
        Network network;
        try {
            network = source.build(baseline, input, 0);
        } catch (IllegalArgumentException e) {
            // A source's own refusal says all; DL4J's is wrapped, its first cause the one to show.
            throw e.getCause() == null ? new SpecException(NetworkSources.FIELD, e.getMessage())
                    : refusal(source, shape, "cannot be built: " + NetworkSources.firstLine(e));
        } catch (RuntimeException e) {
            throw refusal(source, shape, "cannot be built: " + NetworkSources.firstLine(e));
        }
        if (!(network.outputLayer() instanceof IOutputLayer)) {
            throw refusal(source, shape, "ends in " + network.outputLayer().getClass().getSimpleName()
                    + ", not an output layer with a loss to train with");
        }
        INDArray output;
        try (INDArray image = Nd4j.zeros(DataType.FLOAT, 1, shape.channels(), shape.height(), shape.width())) {
            output = network.output(image);
        } catch (RuntimeException e) {
            throw refusal(source, shape, "cannot take " + describe(shape) + " images: "
                    + NetworkSources.firstLine(e));
        }
        if (output.rank() != 2 || output.size(1) != classes) {
            throw refusal(source, shape, "gives " + Arrays.toString(output.shape()) + " for one image, where the"
                    + " data has " + classes + " classes: its output layer needs " + classes + " units");
        }
    }

    private static SpecException refusal(NetworkSource source, ImageShape shape, String problem) {
        String minimum = "";
        if (source instanceof ZooNetwork zoo) {
            int side = zoo.minimumSide(shape.channels());
            minimum = side < 0 ? "; it takes no square image up to " + ZooNetwork.LARGEST_PROBE + " pixels a side"
                    : "; its smallest input is " + side + "x" + side + " pixels";
        }
        return new SpecException(NetworkSources.FIELD, source.description() + " " + problem + minimum);
    }

    static String describe(ImageShape shape) {
        return shape.width() + "x" + shape.height() + "x" + shape.channels();
    }
}

package io.sparktune.trial;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J network's trained parameters (or their gradients) as the PyTorch twins lay theirs out: for each
 * convolution its weights, for each batch norm gamma and beta, then the output layer's weights as
 * [classes, inputs] and its bias. Convolutions before batch norm have no bias in either framework.
 */
final class TwinLayout {
    private TwinLayout() {
    }

    /** Each array's name, as DL4J keys it: layer index and parameter. */
    static List<String> names(MultiLayerNetwork network) {
        return collect(network, (layer, key) -> layer.getIndex() + "_" + key);
    }

    static List<float[]> weights(MultiLayerNetwork network) {
        return arrays(network, Layer::getParam);
    }

    /** The gradients of the last {@code computeGradientAndScore}: DL4J's are sums over the minibatch. */
    static List<float[]> gradients(MultiLayerNetwork network) {
        Gradient gradient = network.gradient();
        return arrays(network, (layer, key) -> gradient.getGradientFor(layer.getIndex() + "_" + key));
    }

    /** Each array as a flat float array; DL4J keeps the output layer's weights as [inputs, classes]. */
    private static List<float[]> arrays(MultiLayerNetwork network, BiFunction<Layer, String, INDArray> array) {
        return collect(network, (layer, key) -> {
            INDArray a = array.apply(layer, key);
            return (layer instanceof OutputLayer && key.equals("W") ? a.transpose() : a).dup('c').data().asFloat();
        });
    }

    private static <T> List<T> collect(MultiLayerNetwork network, BiFunction<Layer, String, T> each) {
        List<T> out = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            if (layer instanceof ConvolutionLayer) {
                out.add(each.apply(layer, "W"));
            } else if (layer instanceof BatchNormalization) {
                out.add(each.apply(layer, "gamma"));
                out.add(each.apply(layer, "beta"));
            } else if (layer instanceof OutputLayer) {
                out.add(each.apply(layer, "W"));
                out.add(each.apply(layer, "b"));
            }
        }
        return out;
    }
}

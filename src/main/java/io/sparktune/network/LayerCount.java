package io.sparktune.network;

import io.sparktune.data.ImageShape;
import io.sparktune.model.NetworkCost;
import io.sparktune.model.NetworkMemory;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;

/**
 * What training any configured network costs, counted from its layers on images of a given shape, as
 * {@link NetworkCost} and {@link NetworkMemory} count the built-in family's: multiply-adds of convolutions and
 * weight matrices (forward, weight gradients and input gradients: three times the forward pass, twice for a
 * layer reading the images), every other
 * layer's elements at an activation's or batch norm's cost, the weights, and the elements kept per image.
 */
public record LayerCount(double trainingFlops, long parameters, long activations) {

    /**
     * Counted networks by what they are (a source's key for one configuration) and the images' shape: the
     * driver asks for each trial's cost several times (to order trials, to size executors, to estimate what is
     * left), and building a large configuration, or the user's network, takes a while.
     */
    private static final java.util.Map<String, LayerCount> COUNTED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The count of the configuration {@code key} names, made once from {@code configuration}. */
    static LayerCount of(String key, ImageShape shape, java.util.function.Supplier<Object> configuration) {
        return COUNTED.computeIfAbsent(key + "|" + shape, k -> of(configuration.get(), shape));
    }

    /** Counts {@code configuration}, a stack's or a graph's, on images of {@code shape}. */
    public static LayerCount of(Object configuration, ImageShape shape) {
        InputType images = InputType.convolutional(shape.height(), shape.width(), shape.channels());
        LayerCount total = new LayerCount(0, 0, shape.pixels());
        if (configuration instanceof MultiLayerConfiguration stack) {
            List<InputType> outputs = stack.getLayerActivationTypes(images);
            for (int i = 0; i < outputs.size(); i++) {
                InputType in = i == 0 ? images : outputs.get(i - 1);
                InputPreProcessor pre = stack.getInputPreProcess(i);
                total = total.plus(layer(stack.getConf(i).getLayer(), pre == null ? in : pre.getOutputType(in),
                        outputs.get(i), i == 0));
            }
            return total;
        }
        ComputationGraphConfiguration graph = (ComputationGraphConfiguration) configuration;
        Map<String, InputType> outputs = graph.getLayerActivationTypes(images);
        for (Map.Entry<String, org.deeplearning4j.nn.conf.graph.GraphVertex> vertex : graph.getVertices().entrySet()) {
            InputType out = outputs.get(vertex.getKey());
            if (!(vertex.getValue() instanceof LayerVertex layer)) {
                total = total.plus(new LayerCount(out.arrayElementsPerExample() * NetworkCost.CHEAP_ACTIVATION, 0,
                        out.arrayElementsPerExample()));
                continue;
            }
            List<String> inputs = graph.getVertexInputs().get(vertex.getKey());
            boolean first = graph.getNetworkInputs().containsAll(inputs);
            InputType in = first ? images : outputs.get(inputs.get(0));
            total = total.plus(layer(layer.getLayerConf().getLayer(),
                    layer.getPreProcessor() == null ? in : layer.getPreProcessor().getOutputType(in), out, first));
        }
        return total;
    }

    /** Native bytes at the peak of training on minibatches of {@code batch} images. */
    public long trainingBytes(int batch) {
        return NetworkMemory.trainingBytes(parameters, activations, batch);
    }

    private LayerCount plus(LayerCount other) {
        return new LayerCount(trainingFlops + other.trainingFlops, parameters + other.parameters,
                activations + other.activations);
    }

    /** {@code first}: the layer reads the images, so computes no gradient for its input. */
    private static LayerCount layer(Layer layer, InputType in, InputType out, boolean first) {
        long outElements = out.arrayElementsPerExample();
        long parameters = layer.initializer().numParams(layer);
        double forward;
        if (layer instanceof SeparableConvolution2D conv) {
            long kernel = (long) conv.getKernelSize()[0] * conv.getKernelSize()[1];
            long depthwise = conv.getNIn() * conv.getDepthMultiplier();
            long positions = outElements / Math.max(1, conv.getNOut());
            forward = 2.0 * positions * depthwise * (kernel + conv.getNOut());
        } else if (layer instanceof DepthwiseConvolution2D conv) {
            forward = 2.0 * outElements * conv.getKernelSize()[0] * conv.getKernelSize()[1];
        } else if (layer instanceof Deconvolution2D conv) {
            forward = 2.0 * in.arrayElementsPerExample() * conv.getKernelSize()[0] * conv.getKernelSize()[1]
                    * conv.getNOut();
        } else if (layer instanceof ConvolutionLayer conv) {
            forward = 2.0 * outElements * conv.getKernelSize()[0] * conv.getKernelSize()[1] * conv.getNIn();
        } else if (layer instanceof FeedForwardLayer dense && !(layer instanceof BatchNormalization)
                && parameters > 0) {
            forward = 2.0 * dense.getNIn() * dense.getNOut();
        } else {
            double each = layer instanceof BatchNormalization ? NetworkCost.BATCH_NORM : NetworkCost.CHEAP_ACTIVATION;
            return new LayerCount(each * outElements, parameters, outElements);
        }
        return new LayerCount((first ? 2 : 3) * forward + NetworkCost.CHEAP_ACTIVATION * outElements, parameters,
                outElements);
    }
}

package io.sparktune.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The weights of a Keras 3 model ({@code model.weights.h5} inside a {@code .keras} file: each layer's
 * variables as {@code layers/<group>/vars/<i>}) put into the DL4J network imported from its configuration,
 * layer by layer. Convolution kernels go from Keras's (height, width, in, out) to DL4J's
 * (out, in, height, width); a dense kernel after a flattened map has its rows reordered to the channels-first
 * map's order; other dense kernels and biases keep their layout; batch norm's scale, shift and moving
 * statistics become DL4J's.
 */
final class KerasWeights {
    private KerasWeights() {
    }

    /** Loads {@code weightsFile} into {@code network}, imported from the Keras configuration {@code config}. */
    static void load(Network network, String weightsFile, String config) throws Exception {
        Map<String, String> layerNames = layerNames(config);
        try (Hdf5Archive archive = new Hdf5Archive(weightsFile)) {
            for (String path : archive.getGroups("layers")) {
                List<String> vars = archive.getDataSets("layers", path, "vars");
                if (vars.isEmpty()) {
                    continue;
                }
                String name = layerNames.getOrDefault(path, path);
                Layer layer = layer(network, name);
                INDArray[] values = new INDArray[vars.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = archive.readDataSet(Integer.toString(i), "layers", path, "vars")
                            .castTo(DataType.FLOAT);
                }
                set(layer, name, values, flattened(network, layer));
            }
        }
    }

    /**
     * The layer each weights group holds: Keras 3 names a group not by its layer's name but by the layer's class
     * in snake case, numbered in the model's order ({@code conv2d}, {@code conv2d_1}, ...), while the layer
     * itself may be {@code conv2d_7}.
     */
    private static Map<String, String> layerNames(String config) throws Exception {
        Map<String, String> names = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode layer : new ObjectMapper().readTree(config).path("config").path("layers")) {
            String kind = layer.path("class_name").asText().replaceAll("(.)([A-Z][a-z]+)", "$1_$2")
                    .replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
            int count = seen.merge(kind, 1, Integer::sum);
            names.put(count == 1 ? kind : kind + "_" + (count - 1), layer.path("config").path("name").asText());
        }
        return names;
    }

    private static Layer layer(Network network, String name) {
        return network.layers().stream().filter(l -> name.equals(l.conf().getLayer().getLayerName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the weights name a layer " + name
                        + " the imported network does not have"));
    }

    /**
     * What flattened the feature map a dense layer reads, or null: the preprocessor in front of it or of the
     * weightless layers (dropout, activation) right before it.
     */
    private static CnnToFeedForwardPreProcessor flattened(Network network, Layer layer) {
        if (network.model() instanceof MultiLayerNetwork stack) {
            for (int i = network.layers().indexOf(layer); i >= 0; i--) {
                InputPreProcessor pre = stack.getLayerWiseConfigurations().getInputPreProcess(i);
                if (pre instanceof CnnToFeedForwardPreProcessor f) {
                    return f;
                }
                if (i > 0 && stack.getLayer(i - 1).numParams() > 0) {
                    return null;
                }
            }
            return null;
        }
        ComputationGraph graph = (ComputationGraph) network.model();
        String name = layer.conf().getLayer().getLayerName();
        while (graph.getVertex(name) instanceof LayerVertex vertex) {
            if (vertex.getLayerPreProcessor() instanceof CnnToFeedForwardPreProcessor f) {
                return f;
            }
            List<String> inputs = graph.getConfiguration().getVertexInputs().get(name);
            if (inputs == null || inputs.size() != 1 || !(graph.getVertex(inputs.get(0)) instanceof LayerVertex before)
                    || before.getLayer().numParams() > 0) {
                return null;
            }
            name = inputs.get(0);
        }
        return null;
    }

    private static void set(Layer layer, String name, INDArray[] values, CnnToFeedForwardPreProcessor flatten) {
        Map<String, INDArray> params = layer.paramTable();
        if (params.containsKey(BatchNormalizationParamInitializer.GAMMA)) {
            double eps = ((org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.conf().getLayer()).getEps();
            put(layer, name, BatchNormalizationParamInitializer.GAMMA, values[0]);
            put(layer, name, BatchNormalizationParamInitializer.BETA, values[1]);
            put(layer, name, BatchNormalizationParamInitializer.GLOBAL_MEAN, values[2]);
            if (params.containsKey(BatchNormalizationParamInitializer.GLOBAL_VAR)) {
                put(layer, name, BatchNormalizationParamInitializer.GLOBAL_VAR, values[3]);
            } else {
                put(layer, name, BatchNormalizationParamInitializer.GLOBAL_LOG_STD,
                        Transforms.log(Transforms.sqrt(values[3].add(eps)), 10));
            }
            return;
        }
        INDArray kernel = values[0];
        if (kernel.rank() == 4) {
            // A convolution's kernel: (height, width, in, out) in Keras, (out, in, height, width) in DL4J.
            kernel = kernel.permute(3, 2, 0, 1);
        } else if (flatten != null) {
            // Keras flattened its channels-last map by (row, column, channel); the layer here reads the same map
            // channels first, by (channel, row, column).
            long h = flatten.getInputHeight();
            long w = flatten.getInputWidth();
            long c = flatten.getNumChannels();
            kernel = kernel.reshape('c', h, w, c, kernel.size(1)).permute(2, 0, 1, 3).dup('c')
                    .reshape('c', c * h * w, kernel.size(1));
        }
        put(layer, name, DefaultParamInitializer.WEIGHT_KEY, kernel);
        if (values.length > 1) {
            put(layer, name, DefaultParamInitializer.BIAS_KEY, values[1]);
        }
    }

    private static void put(Layer layer, String name, String key, INDArray value) {
        INDArray param = layer.paramTable().get(key);
        if (param == null || param.length() != value.length()) {
            throw new IllegalArgumentException("the weights of layer " + name + " do not fit it: " + key + " has "
                    + (param == null ? "no parameter" : param.length() + " values") + ", the file " + value.length());
        }
        param.assign(value.dup('c').reshape(param.shape()));
    }
}

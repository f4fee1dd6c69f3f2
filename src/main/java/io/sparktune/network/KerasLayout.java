package io.sparktune.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Keras model's JSON in the layout DL4J's importer reads, Keras 2's. Keras 3 writes the same layers in a
 * layout of its own: a data type as a policy object rather than its name, an input layer's
 * {@code batch_shape} for {@code batch_input_shape}, a layer's inputs as the tensors it was called with rather
 * than a list of (layer, node, tensor) references, and a single model input or output as one reference rather
 * than a list of them. Channels-last layers become channels-first ones (see {@link #channelsFirst}); Keras 2's
 * JSON is otherwise read as it is.
 */
final class KerasLayout {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasLayout() {
    }

    static String asKeras2(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode model) || !model.has("config")) {
            throw new IllegalArgumentException("not a Keras model's to_json(): it has no \"config\"");
        }
        if (!model.has("keras_version")) {
            model.put("keras_version", "2.15.0");
        }
        // DL4J reads an input's shape as the backend's default order: Theano's is channels first.
        model.put("backend", "theano");
        rewrite(model);
        if (model.get("config") instanceof ObjectNode config) {
            for (String ends : List.of("input_layers", "output_layers")) {
                JsonNode refs = config.get(ends);
                if (refs instanceof ArrayNode list && !list.isEmpty() && !list.get(0).isArray()) {
                    config.set(ends, JSON.createArrayNode().add(list));
                }
            }
        }
        return model.toString();
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ArrayNode array) {
            array.forEach(KerasLayout::rewrite);
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        JsonNode dtype = object.get("dtype");
        if (dtype != null && dtype.isObject() && dtype.path("config").has("name")) {
            object.set("dtype", TextNode.valueOf(dtype.path("config").path("name").asText()));
        }
        if (object.has("batch_shape") && !object.has("batch_input_shape")) {
            object.set("batch_input_shape", object.remove("batch_shape"));
        }
        channelsFirst(object);
        if (object.has("class_name") && object.has("config")) {
            channelsAxis(object);
        }
        JsonNode inbound = object.get("inbound_nodes");
        if (inbound instanceof ArrayNode calls && !calls.isEmpty() && calls.get(0).isObject()) {
            ArrayNode nodes = JSON.createArrayNode();
            for (JsonNode call : calls) {
                ArrayNode tensors = JSON.createArrayNode();
                collectTensors(call.path("args"), tensors);
                nodes.add(tensors);
            }
            object.set("inbound_nodes", nodes);
        }
        for (Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
            rewrite(field.getValue());
        }
    }

    /**
     * A channels-last layer as the same layer channels first, so DL4J builds it on the images as sparktune
     * holds them (NCHW), the layout its convolutions are proven in: its data format and an input's shape
     * (height, width, channels to channels, height, width).
     */
    private static void channelsFirst(ObjectNode config) {
        if ("channels_last".equals(config.path("data_format").asText())) {
            config.put("data_format", "channels_first");
        }
        if (config.get("batch_input_shape") instanceof ArrayNode shape && shape.size() == 4) {
            JsonNode channels = shape.get(3);
            shape.set(3, shape.get(2));
            shape.set(2, shape.get(1));
            shape.set(1, channels);
        }
    }

    /**
     * A layer that names the channels' axis (batch norm, concatenation) names it channels first; one that names
     * a shape in the channels-last order (reshape, permute) cannot be read so, and is refused.
     */
    private static void channelsAxis(ObjectNode layer) {
        String kind = layer.path("class_name").asText();
        if (List.of("Reshape", "Permute").contains(kind)) {
            throw new IllegalArgumentException("its " + kind + " layer " + layer.path("config").path("name").asText()
                    + " names a channels-last shape, which a channels-first network cannot take");
        }
        if (layer.get("config") instanceof ObjectNode config && config.has("axis")
                && List.of("BatchNormalization", "Concatenate").contains(kind)
                && (config.get("axis").asInt() == -1 || config.get("axis").asInt() == 3)) {
            config.put("axis", 1);
        }
    }

    /** Each Keras tensor among a call's arguments as Keras 2's [layer, node, tensor, {}]. */
    private static void collectTensors(JsonNode args, ArrayNode into) {
        if (args.isArray()) {
            args.forEach(arg -> collectTensors(arg, into));
        } else if (args.isObject() && "__keras_tensor__".equals(args.path("class_name").asText())) {
            JsonNode history = args.path("config").path("keras_history");
            into.add(JSON.createArrayNode().add(history.get(0)).add(history.get(1)).add(history.get(2))
                    .add(JSON.createObjectNode()));
        }
    }
}

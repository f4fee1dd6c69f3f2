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
 * than a list of them. Keras 2's JSON passes through unchanged.
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
        if (model.has("keras_version")) {
            return json;
        }
        model.put("keras_version", "2.15.0");
        model.put("backend", "tensorflow");
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

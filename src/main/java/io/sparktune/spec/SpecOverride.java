package io.sparktune.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sparktune.input.SpecException;
import io.sparktune.input.UserInputException;

/**
 * A command-line change to a spec, {@code dotted.field=value}. The value is read as JSON when it is JSON
 * (numbers, true/false, lists) and as a string otherwise, so {@code data.path=/data/cifar} needs no quotes.
 */
final class SpecOverride {
    private SpecOverride() {
    }

    static void apply(ObjectNode spec, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new UserInputException("--set '" + assignment + "' must look like section.field=value,"
                    + " e.g. data.path=/data/cifar-10-batches-bin");
        }
        String[] path = withUserNames(assignment.substring(0, eq).trim().split("\\."));
        ObjectNode node = spec;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = node.get(path[i]);
            if (child == null) {
                child = node.putObject(path[i]);
            }
            if (!child.isObject()) {
                throw new SpecException(String.join(".", java.util.Arrays.copyOf(path, i + 1)),
                        "is not a section, so --set cannot go inside it");
            }
            node = (ObjectNode) child;
        }
        node.set(path[path.length - 1], value(assignment.substring(eq + 1)));
    }

    /** A builder's hyperparameter is one field, {@code user.width}, not a section {@code user} holding {@code width}. */
    private static String[] withUserNames(String[] path) {
        java.util.List<String> joined = new java.util.ArrayList<>();
        for (int i = 0; i < path.length; i++) {
            boolean user = path[i].equals("user") && i > 0 && i + 1 < path.length;
            joined.add(user ? "user." + path[++i] : path[i]);
        }
        return joined.toArray(String[]::new);
    }

    private static JsonNode value(String text) {
        try {
            JsonNode parsed = SpecJson.mapper().readTree(text);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(text) : parsed;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}

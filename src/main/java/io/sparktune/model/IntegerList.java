package io.sparktune.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A list of whole numbers as a hyperparameter holds it: their text, comma-separated ("64,256,256"; "" for none). */
final class IntegerList {
    private IntegerList() {
    }

    /** The numbers {@code text} lists; none for "". */
    static int[] of(String text) {
        return text.isEmpty() ? new int[0] : Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    static boolean isValid(String text) {
        return text.isEmpty() || text.matches("\\d{1,9}(,\\d{1,9})*");
    }

    /**
     * The text of a JSON list of whole numbers, or that text itself (as journals store it); null for anything
     * else, the caller saying what it expected.
     */
    static String text(JsonNode node) {
        if (node.isTextual()) {
            return isValid(node.asText()) ? node.asText() : null;
        }
        if (!node.isArray()) {
            return null;
        }
        for (JsonNode item : node) {
            if (!item.isIntegralNumber() || !item.canConvertToInt()) {
                return null;
            }
        }
        return java.util.stream.StreamSupport.stream(node.spliterator(), false).map(n -> String.valueOf(n.asInt()))
                .collect(Collectors.joining(","));
    }
}

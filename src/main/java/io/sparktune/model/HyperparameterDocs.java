package io.sparktune.model;

import java.util.stream.Collectors;

/** The registry as the README's table and {@code sparktune hyperparameters} print it. */
public final class HyperparameterDocs {
    private HyperparameterDocs() {
    }

    /**
     * A Markdown table: each hyperparameter's spec name, kind, default, allowed values, the networks it applies
     * to (the built-in family only, or any) and meaning.
     */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| field | kind | default | allowed | networks | meaning |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        for (Hyperparameter<?> h : Hyperparameters.ALL) {
            Object defaultValue = h.isIntegerList() ? "[" + h.defaultValue() + "]" : h.column(h.defaultValue());
            table.append("| `").append(h.specName()).append("` | ").append(kind(h)).append(" | `")
                    .append(defaultValue).append("` | ").append(allowed(h)).append(" | ")
                    .append(h.networks().label()).append(" | ").append(h.doc()).append(" |\n");
        }
        return table.toString();
    }

    private static String kind(Hyperparameter<?> h) {
        if (h.isIntegerList()) {
            return "list";
        }
        return switch (h.kind()) {
            case REAL -> "number";
            case INTEGER -> "integer";
            case BOOLEAN -> "boolean";
            case CATEGORICAL -> "choice";
        };
    }

    private static String allowed(Hyperparameter<?> h) {
        return h.isNumeric() || h.isIntegerList() ? h.rule()
                : h.allowedValues().stream().map(v -> "`" + h.column(v) + "`").collect(Collectors.joining(", "));
    }
}

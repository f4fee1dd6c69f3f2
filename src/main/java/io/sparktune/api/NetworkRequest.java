package io.sparktune.api;

import java.io.Serializable;
import java.util.Map;

/**
 * What a {@link NetworkBuilder} builds one trial's network for. {@code hyperparameters} holds every value of
 * the trial by its spec name: sparktune's own ({@code "learning_rate"}, {@code "batch_size"}, ...) and the
 * ones the spec declares for your builder ({@code "user.depth"}), as Integer, Double, String or Boolean.
 */
public record NetworkRequest(int height, int width, int channels, int classes, long seed,
                             Map<String, Object> hyperparameters) implements Serializable {

    public NetworkRequest {
        hyperparameters = Map.copyOf(hyperparameters);
    }

    public int intValue(String name) {
        return ((Number) value(name)).intValue();
    }

    public double doubleValue(String name) {
        return ((Number) value(name)).doubleValue();
    }

    public boolean booleanValue(String name) {
        return (Boolean) value(name);
    }

    public String stringValue(String name) {
        return value(name).toString();
    }

    /** The trial's value of {@code name}; an error lists the names there are. */
    public Object value(String name) {
        Object value = hyperparameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no hyperparameter '" + name + "' in this trial; it has "
                    + new java.util.TreeSet<>(hyperparameters.keySet()));
        }
        return value;
    }
}

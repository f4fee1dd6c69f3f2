package io.sparktune.space;

import com.fasterxml.jackson.annotation.JsonValue;
import io.sparktune.model.Hyperparameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The searched hyperparameters, in the order the spec lists them, each with its domain. */
public record SearchSpace(@JsonValue Map<Hyperparameter<?>, Domain> domains) {
    public SearchSpace {
        domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }

    public List<Hyperparameter<?>> parameters() {
        return List.copyOf(domains.keySet());
    }
}

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

    /** How many distinct configurations the space holds; {@link Long#MAX_VALUE} when a range is continuous. */
    public long size() {
        long size = 1;
        for (Domain domain : domains.values()) {
            if (domain.size() == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            try {
                size = Math.multiplyExact(size, domain.size());
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return size;
    }
}

package io.sparktune.strategy;

import io.sparktune.model.ModelConfig;
import io.sparktune.space.Domain;
import io.sparktune.space.Hyperparameter;
import io.sparktune.space.SearchSpace;
import io.sparktune.spec.SpecJson;
import io.sparktune.trial.TrialConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every combination of the listed values (a range contributes its {@code points} values), like
 * {@code itertools.product}: the first parameter in the spec varies slowest, the last fastest. Trial ids
 * count from {@code firstId} in that order.
 */
public final class GridSearch {
    private final List<TrialConfig> trials;

    public GridSearch(SearchSpace space, ModelConfig defaults, long specSeed, int firstId) {
        List<TrialConfig> all = new ArrayList<>();
        for (Map<String, Object> assignment : combinations(space)) {
            ModelConfig model = SpecJson.overlay(defaults, assignment, "search.space.");
            all.add(TrialConfig.of(firstId + all.size(), model, specSeed));
        }
        this.trials = List.copyOf(all);
    }

    public List<TrialConfig> trials() {
        return trials;
    }


    static List<Map<String, Object>> combinations(SearchSpace space) {
        List<Map<String, Object>> result = new ArrayList<>();
        result.add(new LinkedHashMap<>());
        for (Map.Entry<Hyperparameter, Domain> entry : space.domains().entrySet()) {
            List<Map<String, Object>> extended = new ArrayList<>();
            for (Map<String, Object> partial : result) {
                for (Object value : entry.getValue().gridValues()) {
                    Map<String, Object> next = new LinkedHashMap<>(partial);
                    next.put(entry.getKey().specName(), value);
                    extended.add(next);
                }
            }
            result = extended;
        }
        return result;
    }
}

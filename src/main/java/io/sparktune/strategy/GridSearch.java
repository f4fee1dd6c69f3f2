package io.sparktune.strategy;

import io.sparktune.model.Hyperparameter;
import io.sparktune.model.ModelConfig;
import io.sparktune.space.Domain;
import io.sparktune.space.SearchSpace;
import io.sparktune.trial.TrialConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every combination of the listed values (a range contributes its {@code points} values), like
 * {@code itertools.product}: the first parameter in the spec varies slowest, the last fastest. Trial ids
 * count from {@code firstId} in that order. Combinations are built only when asked for, so the size of a
 * huge grid costs nothing to know.
 */
public final class GridSearch {
    private final ModelConfig defaults;
    private final long specSeed;
    private final int firstId;
    private final List<Hyperparameter<?>> parameters;
    private final List<List<Object>> values;

    public GridSearch(SearchSpace space, ModelConfig defaults, long specSeed, int firstId) {
        this.defaults = defaults;
        this.specSeed = specSeed;
        this.firstId = firstId;
        this.parameters = space.parameters();
        this.values = space.domains().values().stream().map(Domain::gridValues).toList();
    }

    /** The number of combinations; Long.MAX_VALUE for more than that. */
    public long size() {
        long size = 1;
        for (List<Object> v : values) {
            try {
                size = Math.multiplyExact(size, v.size());
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return size;
    }

    /** Every combination as a trial. */
    public List<TrialConfig> trials() {
        return trials(Integer.MAX_VALUE);
    }

    /** The first {@code limit} combinations as trials, in grid order. */
    public List<TrialConfig> trials(int limit) {
        long count = Math.min(size(), limit);
        List<TrialConfig> trials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            trials.add(TrialConfig.of(firstId + i, defaults.with(combination(i), "search.space."), specSeed));
        }
        return List.copyOf(trials);
    }

    /** Combination {@code index} in grid order: the index in mixed radix, the last parameter the lowest digit. */
    Map<Hyperparameter<?>, Object> combination(long index) {
        Object[] chosen = new Object[parameters.size()];
        long rest = index;
        for (int p = parameters.size() - 1; p >= 0; p--) {
            int n = values.get(p).size();
            chosen[p] = values.get(p).get((int) (rest % n));
            rest /= n;
        }
        Map<Hyperparameter<?>, Object> combination = new LinkedHashMap<>();
        for (int p = 0; p < parameters.size(); p++) {
            combination.put(parameters.get(p), chosen[p]);
        }
        return combination;
    }
}

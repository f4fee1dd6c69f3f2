package io.sparktune.strategy;

import io.sparktune.input.SpecException;
import io.sparktune.model.Hyperparameter;
import io.sparktune.model.ModelConfig;
import io.sparktune.space.SearchSpace;
import io.sparktune.trial.TrialConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code count} configurations drawn from the space with the spec seed: a list's values uniformly, a
 * range uniformly or log-uniformly. The same spec draws the same trials in the same order, and no
 * configuration twice (or among {@code taken}, the manual trials).
 */
public final class RandomSearch {
    /** Draws per wanted trial before concluding that the space has too few distinct configurations. */
    private static final int PATIENCE = 100;

    private final List<TrialConfig> trials;

    public RandomSearch(SearchSpace space, ModelConfig defaults, long specSeed, int count, int firstId,
                        Set<ModelConfig> taken) {
        Random random = new Random(specSeed);
        Set<ModelConfig> drawn = new LinkedHashSet<>();
        for (int attempt = 0; drawn.size() < count && attempt < count * PATIENCE; attempt++) {
            Map<Hyperparameter<?>, Object> assignment = new LinkedHashMap<>();
            space.domains().forEach((parameter, domain) -> assignment.put(parameter, domain.sample(random)));
            ModelConfig model = defaults.with(assignment, "search.space.");
            if (!taken.contains(model)) {
                drawn.add(model);
            }
        }
        if (drawn.size() < count) {
            throw new SpecException("search.trials", "asks for " + count + " distinct configurations, but "
                    + count * PATIENCE + " draws from search.space found only " + drawn.size()
                    + "; widen the space or ask for fewer trials");
        }
        List<TrialConfig> all = new ArrayList<>();
        for (ModelConfig model : drawn) {
            all.add(TrialConfig.of(firstId + all.size(), model, specSeed));
        }
        this.trials = List.copyOf(all);
    }

    public List<TrialConfig> trials() {
        return trials;
    }
}

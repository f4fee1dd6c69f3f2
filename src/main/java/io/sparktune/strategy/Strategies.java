package io.sparktune.strategy;

import io.sparktune.model.ModelConfig;
import io.sparktune.spec.SearchSpec;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * The strategy a spec names, set up for that spec. Manual configurations come first (trial ids 1..m, in
 * the order listed), as Optuna's enqueue does; the strategy's own trials follow from id m + 1.
 */
public final class Strategies {
    private Strategies() {
    }

    public static SearchStrategy forSpec(SearchSpec spec) {
        long seed = spec.execution().seed();
        List<TrialConfig> manual = new ArrayList<>();
        for (ModelConfig model : spec.manual()) {
            manual.add(TrialConfig.of(manual.size() + 1, model, seed));
        }
        int next = manual.size() + 1;
        SearchStrategy strategy = switch (spec.strategy()) {
            case GRID -> new GridSearch(spec.space(), spec.model(), seed, next);
            case RANDOM -> new RandomSearch(spec.space(), spec.model(), seed, spec.randomTrials(), next,
                    new HashSet<>(spec.manual()));
            case MANUAL -> finished -> List.of();
        };
        return manual.isEmpty() ? strategy : new ManualFirst(manual, strategy);
    }

    /** The manual trials not yet finished, then whatever the strategy asks for. */
    private record ManualFirst(List<TrialConfig> manual, SearchStrategy then) implements SearchStrategy {
        @Override
        public List<TrialConfig> nextTrials(List<TrialResult> finished) {
            var done = finished.stream().map(TrialResult::trialId).collect(java.util.stream.Collectors.toSet());
            return Stream.concat(manual.stream().filter(t -> !done.contains(t.trialId())),
                    then.nextTrials(finished).stream()).toList();
        }
    }
}

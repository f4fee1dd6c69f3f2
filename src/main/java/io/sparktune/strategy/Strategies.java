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
 * The strategy a spec names, set up for that spec. The baseline (the spec's model defaults) is trial 0,
 * unless the spec turns it off or another trial has exactly that configuration. Manual configurations come
 * next (trial ids 1..m, in the order listed), as Optuna's enqueue does; the strategy's own trials follow
 * from id m + 1. {@code search.budget.max_trials} cuts the list, in that order.
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
            case HALVING -> new SuccessiveHalving((spec.randomTrials() != null
                    ? new RandomSearch(spec.space(), spec.model(), seed, spec.randomTrials(), next,
                            new HashSet<>(spec.manual()))
                    : new GridSearch(spec.space(), spec.model(), seed, next)).nextTrials(List.of()),
                    spec.halving(), io.sparktune.data.DataFiles.qualify(spec.output()) + "/checkpoints");
        };
        List<TrialConfig> first = new ArrayList<>();
        if (spec.baseline() && !manual.stream().map(TrialConfig::model).toList().contains(spec.model())
                && strategy.nextTrials(List.of()).stream().noneMatch(t -> t.model().equals(spec.model()))) {
            first.add(TrialConfig.of(0, spec.model(), seed));
        }
        first.addAll(manual);
        SearchStrategy all = first.isEmpty() ? strategy : new QueuedFirst(first, strategy);
        Integer cap = spec.budget().maxTrials();
        return cap == null ? all : new Capped(all, cap);
    }

    /** The baseline and manual trials not yet finished, then whatever the strategy asks for. */
    private record QueuedFirst(List<TrialConfig> queued, SearchStrategy then) implements SearchStrategy {
        @Override
        public List<TrialResult> settle(List<TrialResult> finished) {
            return then.settle(finished);
        }

        @Override
        public List<TrialConfig> nextTrials(List<TrialResult> finished) {
            var done = finished.stream().map(TrialResult::trialId).collect(java.util.stream.Collectors.toSet());
            return Stream.concat(queued.stream().filter(t -> !done.contains(t.trialId())),
                    then.nextTrials(finished).stream()).toList();
        }
    }

    /** No more than {@code cap} distinct trials over the whole search. */
    private record Capped(SearchStrategy inner, int cap) implements SearchStrategy {
        @Override
        public List<TrialResult> settle(List<TrialResult> finished) {
            return inner.settle(finished);
        }

        @Override
        public List<TrialConfig> nextTrials(List<TrialResult> finished) {
            var started = finished.stream().map(TrialResult::trialId).collect(java.util.stream.Collectors.toSet());
            List<TrialConfig> next = new ArrayList<>();
            for (TrialConfig t : inner.nextTrials(finished)) {
                if (started.contains(t.trialId()) || started.size() + next.size() < cap) {
                    next.add(t);
                }
            }
            return next;
        }
    }
}

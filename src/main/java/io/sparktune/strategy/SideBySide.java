package io.sparktune.strategy;

import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.List;
import java.util.Set;

/**
 * Several strategies over disjoint trials, run together: the answer is each one's answer in turn, and
 * each settles its own trials. The baseline and manual trials ahead of a search, and Hyperband's brackets,
 * are both this.
 */
record SideBySide(List<SearchStrategy> parts) implements SearchStrategy {
    SideBySide {
        parts = List.copyOf(parts);
    }

    @Override
    public List<TrialConfig> nextTrials(List<TrialResult> finished, Set<Integer> running) {
        return parts.stream().flatMap(p -> p.nextTrials(finished, running).stream()).toList();
    }

    @Override
    public boolean ordersItsTrials() {
        return parts.stream().anyMatch(SearchStrategy::ordersItsTrials);
    }

    @Override
    public List<TrialResult> settle(List<TrialResult> finished) {
        List<TrialResult> settled = finished;
        for (SearchStrategy part : parts) {
            settled = part.settle(settled);
        }
        return settled;
    }
}

package io.sparktune.strategy;

import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.List;
import java.util.Set;

/**
 * Decides what to try next. Whenever a core is free the job asks, with every result so far and the
 * trials still running, and starts the answer's trials in order as far as it has free cores, skipping any
 * already running. An empty answer while trials run means "wait"; an empty answer with nothing running
 * ends the search. The answer depends only on what is finished and running, so a search resumed from its
 * journal asks the same questions and gets the same answers. Strategies know nothing of Spark or DL4J, so
 * they are tested on their own.
 */
public interface SearchStrategy {
    List<TrialConfig> nextTrials(List<TrialResult> finished, Set<Integer> running);

    /**
     * Whether the order of {@link #nextTrials} is the strategy's own preference (a model's ranking, or a
     * proposal that assumes the ones before it run first), which the scheduler must keep. When false the
     * trials may start in any order, e.g. longest first (execution.trial_order).
     */
    default boolean ordersItsTrials() {
        return false;
    }

    /** What to start when nothing is running. */
    default List<TrialConfig> nextTrials(List<TrialResult> finished) {
        return nextTrials(finished, Set.of());
    }

    /** The results as they stand once the strategy has no more trials: e.g. marked pruned. */
    default List<TrialResult> settle(List<TrialResult> finished) {
        return finished;
    }
}

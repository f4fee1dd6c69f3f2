package io.sparktune.strategy;

import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.List;

/**
 * Decides what to try next. The job asks for a wave of trials, runs it, and asks again with every result
 * so far, until the strategy answers with nothing: one wave for grid search, one per rung for successive
 * halving. The answer depends only on the finished results, so a search resumed from its journal asks
 * the same questions and gets the same answers. Strategies know nothing of Spark or DL4J, so they are
 * tested on their own.
 */
public interface SearchStrategy {
    List<TrialConfig> nextTrials(List<TrialResult> finished);

    /** The results as they stand once the strategy has no more trials: e.g. marked pruned. */
    default List<TrialResult> settle(List<TrialResult> finished) {
        return finished;
    }
}

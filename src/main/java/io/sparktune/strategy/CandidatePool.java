package io.sparktune.strategy;

import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The candidates one successive-halving bracket starts at its first rung: fixed before the search (grid or
 * random draws), or each decided when it is about to start (model-based, {@link TpeCandidates}).
 */
interface CandidatePool {
    /** Every candidate's trial id, decided or not. */
    Set<Integer> ids();

    /**
     * The candidates in id order as far as they are decided: the started ones as they started, and at
     * least one of the unstarted ones, if any are left, as it would start now.
     */
    List<TrialConfig> candidates(List<TrialResult> finished, Set<Integer> running);

    /** Whether the candidates are proposed one after another by a model, so their order is its preference. */
    default boolean proposedInOrder() {
        return false;
    }

    /** Candidates decided before the search: every call answers them all. */
    static CandidatePool fixed(List<TrialConfig> candidates) {
        List<TrialConfig> all = List.copyOf(candidates);
        Set<Integer> ids = all.stream().map(TrialConfig::trialId).collect(Collectors.toUnmodifiableSet());
        return new CandidatePool() {
            @Override
            public Set<Integer> ids() {
                return ids;
            }

            @Override
            public List<TrialConfig> candidates(List<TrialResult> finished, Set<Integer> running) {
                return all;
            }
        };
    }
}

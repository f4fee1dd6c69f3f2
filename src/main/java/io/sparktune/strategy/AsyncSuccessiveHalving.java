package io.sparktune.strategy;

import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020): whenever a core is free, promote a trial that is
 * in the best 1/eta of the trials that have finished its rung so far (highest rung first); if none is,
 * start a new candidate. No core waits for a rung to fill, at the cost of promotions that depend on the
 * order trials finish in. When every candidate has started, the cores take promotions as they appear, and
 * once all is done each rung has promoted at least its best 1/eta, as the synchronous form would.
 */
public final class AsyncSuccessiveHalving implements SearchStrategy {
    private final Rungs rungs;

    AsyncSuccessiveHalving(Rungs rungs) {
        this.rungs = rungs;
    }

    @Override
    public List<TrialConfig> nextTrials(List<TrialResult> finished, Set<Integer> running) {
        Map<Integer, TrialResult> byId = rungs.results(finished);
        List<TrialConfig> candidates = rungs.candidates(finished, running);
        List<TrialConfig> next = new ArrayList<>();
        for (int rung = rungs.last() - 1; rung >= rungs.first(); rung--) {
            int current = rung;
            List<TrialConfig> done = candidates.stream()
                    .filter(t -> rungs.reached(byId.get(t.trialId()), current)).toList();
            // A trial is promoted already when it is running (beyond its result) or its result is past this rung.
            for (TrialConfig t : rungs.top(done, byId, rung, 0)) {
                TrialResult result = byId.get(t.trialId());
                if (!running.contains(t.trialId()) && !rungs.reached(result, rung + 1)) {
                    next.add(rungs.at(t, rung + 1, result));
                }
            }
        }
        for (TrialConfig candidate : candidates) {
            if (!byId.containsKey(candidate.trialId()) && !running.contains(candidate.trialId())) {
                next.add(rungs.at(candidate, rungs.first(), null));
            }
        }
        return next;
    }

    @Override
    public boolean ordersItsTrials() {
        return rungs.proposedInOrder();
    }

    @Override
    public List<TrialResult> settle(List<TrialResult> finished) {
        return rungs.settle(finished);
    }
}

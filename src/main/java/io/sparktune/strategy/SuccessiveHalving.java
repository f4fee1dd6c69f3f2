package io.sparktune.strategy;

import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Synchronous successive halving: every candidate finishes a rung before any is promoted; then the best
 * 1/eta by validation accuracy within that rung's epochs go on, each continuing from its checkpoint.
 * Who is promoted does not depend on timing, so a search gives the same trials however it is scheduled;
 * the price is the barrier, where cores wait for the rung's slowest trial.
 */
public final class SuccessiveHalving implements SearchStrategy {
    private final Rungs rungs;

    SuccessiveHalving(Rungs rungs) {
        this.rungs = rungs;
    }

    @Override
    public List<TrialConfig> nextTrials(List<TrialResult> finished, Set<Integer> running) {
        Map<Integer, TrialResult> byId = rungs.results(finished);
        List<TrialConfig> alive = rungs.candidates(finished, running);
        for (int rung = rungs.first(); rung <= rungs.last(); rung++) {
            List<TrialConfig> due = new ArrayList<>();
            for (TrialConfig candidate : alive) {
                TrialResult result = byId.get(candidate.trialId());
                if (!rungs.reached(result, rung)) {
                    due.add(rungs.at(candidate, rung, result));
                }
            }
            if (!due.isEmpty()) {
                return due.stream().filter(t -> !running.contains(t.trialId())).toList();
            }
            // A trial pruned at a later rung trained this rung well; replaying a finished search must find it again.
            alive = rungs.top(alive, byId, rung, 1);
        }
        return List.of();
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

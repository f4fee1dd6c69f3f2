package io.sparktune.spark;

import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Where a running search stands, for its progress lines: trials done out of those known, the best so far,
 * and how long the known rest will take at the pace the finished tasks set (seconds per unit of expected
 * work, so a grid's short and long trials are weighed by what they cost).
 */
final class ProgressEstimate {
    private final ToDoubleFunction<TrialConfig> expectedWork;
    private final Objective objective;
    private final double plannedWork;
    private final long plannedTrials;
    private final long startedMillis;
    private double work;
    private double seconds;

    /**
     * {@code plannedWork}: what this run is expected to train in all, which is more than the trials known
     * so far under successive halving, whose promotions are asked for only as rungs fill; {@code plannedTrials}:
     * the trials the plan may run, which strategies that propose a few at a time (TPE) have not all named yet.
     */
    ProgressEstimate(ToDoubleFunction<TrialConfig> expectedWork, Objective objective, double plannedWork,
                     long plannedTrials, long startedMillis) {
        this.expectedWork = expectedWork;
        this.objective = objective;
        this.plannedWork = plannedWork;
        this.plannedTrials = plannedTrials;
        this.startedMillis = startedMillis;
    }

    /** A task that ran {@code trial} held its core this long. */
    void taskEnded(TrialConfig trial, double taskSeconds) {
        work += expectedWork.applyAsDouble(trial);
        seconds += taskSeconds;
    }

    /**
     * The trials of the search as far as known: those the strategy has asked for (finished, running or
     * waiting for a core, each once), or the plan's count if that is more.
     */
    static int known(List<TrialResult> finished, Collection<TrialConfig> running, List<TrialConfig> waiting,
                     long plannedTrials) {
        Set<Integer> known = new HashSet<>();
        finished.forEach(r -> known.add(r.trialId()));
        running.forEach(t -> known.add(t.trialId()));
        waiting.forEach(t -> known.add(t.trialId()));
        return (int) Math.max(known.size(), Math.min(Integer.MAX_VALUE, plannedTrials));
    }

    SearchProgress.Update update(TrialConfig trial, TrialResult result, List<TrialResult> finished,
                                 Collection<TrialConfig> running, List<TrialConfig> waiting, int slots) {
        double best = objective.best(finished).map(objective::value).orElse(Double.NaN);
        // Running trials count as half done: a rough guess that is right on average over many trials.
        double runningWork = running.stream().mapToDouble(expectedWork).sum();
        double knownAhead = waiting.stream().mapToDouble(expectedWork).sum() + runningWork / 2;
        // Successive halving asks for its promotions only as rungs fill: the plan knows they will come.
        double plannedAhead = plannedWork - work - runningWork / 2;
        int cores = plannedAhead > knownAhead ? slots : Math.min(slots, running.size() + waiting.size());
        double eta = (work > 0 ? Math.max(knownAhead, plannedAhead) * seconds / work : Double.NaN)
                / Math.max(1, cores);
        return new SearchProgress.Update(trial, result, finished.size(),
                known(finished, running, waiting, plannedTrials), best,
                (System.currentTimeMillis() - startedMillis) / 1000.0, eta);
    }
}

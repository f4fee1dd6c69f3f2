package io.sparktune.confirm;

import io.sparktune.spec.ConfirmSpec;
import io.sparktune.strategy.SearchStrategy;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What confirmation trains once the search is over: each of the search's best {@code top} trials again,
 * from scratch, to the same epochs, on {@code seeds} new seeds (new initialisation, image order and
 * augmentation; the validation split, which the spec's seed makes, stays). Only trials that ran their whole
 * budget qualify, so under halving a trial stopped at a low rung is never among them. Each run's seed
 * comes from the spec's seed and the run's id alone, so a resume asks for the same runs and skips those
 * done. It is a strategy like the search's, so the same dispatcher and the same simulator run it.
 */
public final class ConfirmationRuns implements SearchStrategy {
    private final List<TrialResult> top;
    private final List<TrialConfig> runs;

    private ConfirmationRuns(List<TrialResult> top, List<TrialConfig> runs) {
        this.top = List.copyOf(top);
        this.runs = List.copyOf(runs);
    }

    public static ConfirmationRuns of(ConfirmSpec spec, List<TrialResult> results, Objective objective, long specSeed) {
        List<TrialResult> top = results.stream()
                .filter(r -> r.status() == TrialStatus.OK && objective.counts(r))
                .sorted(objective.order())
                .limit(spec.top())
                .toList();
        List<TrialConfig> runs = new ArrayList<>();
        for (TrialResult trial : top) {
            for (int repeat = 1; repeat <= spec.seeds(); repeat++) {
                int id = new ConfirmationRun(trial.trialId(), repeat).runId();
                runs.add(TrialConfig.of(id, trial.model(), specSeed));
            }
        }
        return new ConfirmationRuns(top, runs);
    }

    /** The trials confirmed, best first by their search result. */
    public List<TrialResult> top() {
        return top;
    }

    /** Every run, in order: each trial's new seeds in turn. */
    public List<TrialConfig> runs() {
        return runs;
    }

    /** Whether {@code run} is one of these (a resume may hold runs of a trial no longer among the top). */
    public boolean includes(TrialResult run) {
        return runs.stream().anyMatch(t -> t.trialId() == run.trialId() && t.seed() == run.seed());
    }

    @Override
    public List<TrialConfig> nextTrials(List<TrialResult> finished, Set<Integer> running) {
        Set<Integer> done = finished.stream().map(TrialResult::trialId).collect(Collectors.toSet());
        return runs.stream().filter(t -> !done.contains(t.trialId()) && !running.contains(t.trialId())).toList();
    }
}

package io.sparktune.confirm;

import io.sparktune.spec.SearchSpec;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What confirmation found: each confirmed configuration's values over its seeds, best mean first, and so
 * the pick. A configuration with a failed run ranks after every one without: a seed it cannot train on is
 * a risk no mean shows. Without confirmation runs the pick is the search's best trial, as before.
 */
public record Confirmations(List<Confirmed> ranked) {
    public static final Confirmations NONE = new Confirmations(List.of());

    public Confirmations {
        ranked = List.copyOf(ranked);
    }

    /** From the search's results and the runs done of {@code plan} (others, e.g. a trial no longer in the top, are left out). */
    public static Confirmations of(ConfirmationRuns plan, List<TrialResult> runs, Objective objective) {
        List<Confirmed> confirmed = new ArrayList<>();
        for (TrialResult trial : plan.top()) {
            List<Double> values = new ArrayList<>();
            int failed = 0;
            for (TrialResult run : runs) {
                if (ConfirmationRun.of(run.trialId()).trialId() != trial.trialId() || !plan.includes(run)) {
                    continue;
                }
                if (objective.counts(run)) {
                    values.add(objective.value(run));
                } else {
                    failed++;
                }
            }
            if (!values.isEmpty() || failed > 0) {
                confirmed.add(new Confirmed(trial.trialId(), objective.value(trial), values, failed));
            }
        }
        confirmed.sort(Comparator.comparing((Confirmed c) -> c.failed() > 0)
                .thenComparingDouble(c -> -objective.score(c.mean()))
                .thenComparingInt(Confirmed::trialId));
        return new Confirmations(confirmed);
    }

    /**
     * What confirmation found for a search of {@code spec} whose trials ended as {@code results}, from the
     * confirmation runs its folder holds; none when it holds none or the spec turns confirmation off.
     */
    public static Confirmations of(SearchSpec spec, List<TrialResult> results, List<TrialResult> runs) {
        if (runs.isEmpty() || spec.confirm().top() == 0) {
            return NONE;
        }
        return of(ConfirmationRuns.of(spec.confirm(), results, spec.objective(), spec.execution().seed()), runs,
                spec.objective());
    }

    public boolean isEmpty() {
        return ranked.isEmpty();
    }

    public Optional<Confirmed> of(int trialId) {
        return ranked.stream().filter(c -> c.trialId() == trialId).findFirst();
    }

    /** The confirmed configuration with the best mean, if any was confirmed. */
    public Optional<Confirmed> pick() {
        return ranked.stream().findFirst();
    }

    /** The search's pick: the best confirmed configuration's trial, else the best trial by the objective. */
    public Optional<TrialResult> best(List<TrialResult> results, Objective objective) {
        return pick().flatMap(p -> results.stream().filter(r -> r.trialId() == p.trialId()).findFirst())
                .or(() -> objective.best(results));
    }

    /** Trials in the ranking's order: the confirmed by their mean first, then the rest by the objective. */
    public List<TrialResult> order(List<TrialResult> results, Objective objective) {
        List<TrialResult> ordered = new ArrayList<>();
        for (Confirmed c : ranked) {
            results.stream().filter(r -> r.trialId() == c.trialId()).findFirst().ifPresent(ordered::add);
        }
        results.stream().sorted(objective.order()).filter(r -> !ordered.contains(r)).forEach(ordered::add);
        return ordered;
    }
}

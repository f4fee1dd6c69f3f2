package io.sparktune.trial;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a search maximises and so which trial is its best: the highest best validation accuracy among the
 * trials that trained normally (ok, or pruned by successive halving at a rung they completed), the lower
 * trial id on a tie. The console's summary and progress lines, the ranking, the report and the final
 * check all ask this one class, so they always name the same trial.
 */
public final class Objective {
    /** The ranking as Spark SQL over the {@code trials} table: the same order as {@link #ORDER}. */
    public static final String SQL_ORDER =
            "status IN ('ok', 'pruned') DESC, best_val_accuracy DESC NULLS LAST, trial_id";

    /** Best first; trials that cannot be the best (diverged, failed, no epoch) last, by id. */
    public static final Comparator<TrialResult> ORDER = Comparator
            .comparing((TrialResult r) -> !counts(r))
            .thenComparing(r -> counts(r) ? -r.bestValAccuracy() : 0)
            .thenComparingInt(TrialResult::trialId);

    private Objective() {
    }

    /** Whether the trial can be the best: it trained normally and completed an epoch. */
    public static boolean counts(TrialResult r) {
        return (r.status() == TrialStatus.OK || r.status() == TrialStatus.PRUNED) && r.bestEpoch().isPresent();
    }

    /** The value the search maximises for a trial: its best validation accuracy. */
    public static double value(TrialResult r) {
        return r.bestValAccuracy();
    }

    public static Optional<TrialResult> best(List<TrialResult> results) {
        return results.stream().filter(Objective::counts).min(ORDER);
    }
}

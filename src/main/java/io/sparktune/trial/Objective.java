package io.sparktune.trial;

import io.sparktune.input.SpecName;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * What a search optimises ({@code search.objective}) and so which trial is its best: each trial's best
 * epoch by this measure on the validation images, the best of those among the trials that trained normally
 * (ok, or pruned by successive halving at a rung they completed), the lower trial id on a tie. Validation
 * accuracy, balanced accuracy and macro F1 are maximised, validation loss minimised. The console, the ranking, halving,
 * TPE, the report and the final check all ask the search's objective, so they always name the same trial.
 */
public enum Objective implements SpecName {
    VAL_ACCURACY("val_accuracy", "val_acc", "validation accuracy", false, EpochResult::valAccuracy),
    VAL_F1("val_f1", "val_f1", "validation F1", false, EpochResult::valF1),
    /** The mean of the classes' recalls (scikit-learn's balanced_accuracy_score): chance is 1 / classes. */
    VAL_BALANCED_ACCURACY("val_balanced_accuracy", "val_bal_acc", "validation balanced accuracy", false,
            EpochResult::valRecall),
    VAL_LOSS("val_loss", "val_loss", "validation loss", true, EpochResult::valLoss);

    private final String specName;
    private final String shortName;
    private final String label;
    private final boolean minimise;
    private final ToDoubleFunction<EpochResult> measure;

    Objective(String specName, String shortName, String label, boolean minimise,
              ToDoubleFunction<EpochResult> measure) {
        this.specName = specName;
        this.shortName = shortName;
        this.label = label;
        this.minimise = minimise;
        this.measure = measure;
    }

    @Override
    public String specName() {
        return specName;
    }

    /** As progress lines name it: {@code val_acc}. */
    public String shortName() {
        return shortName;
    }

    /** As sentences name it: {@code validation accuracy}. */
    public String label() {
        return label;
    }

    public boolean minimise() {
        return minimise;
    }

    /** The epoch with the best value of this measure; the earliest one on a tie. NaN epochs never count. */
    public Optional<EpochResult> bestEpoch(TrialResult r) {
        Comparator<EpochResult> better = Comparator.comparingDouble((EpochResult e) -> score(measure.applyAsDouble(e)))
                .thenComparing(Comparator.comparingInt(EpochResult::epoch).reversed());
        return r.epochs().stream().filter(e -> Double.isFinite(measure.applyAsDouble(e))).max(better);
    }

    /** One epoch's value of this measure. */
    public double of(EpochResult epoch) {
        return measure.applyAsDouble(epoch);
    }

    /** The trial's value: its best epoch's, NaN without one. */
    public double value(TrialResult r) {
        return bestEpoch(r).map(measure::applyAsDouble).orElse(Double.NaN);
    }

    /** The best value within a trial's first {@code epochs} epochs, as higher-is-better (loss negated). */
    public double scoreWithin(TrialResult r, int epochs) {
        return r.epochs().stream().filter(e -> e.epoch() <= epochs && Double.isFinite(measure.applyAsDouble(e)))
                .mapToDouble(e -> score(measure.applyAsDouble(e))).max().orElse(Double.NEGATIVE_INFINITY);
    }

    /** A value as higher-is-better: a loss negated. */
    public double score(double value) {
        return minimise ? -value : value;
    }

    /** The better of two values (a value beats NaN, which stands for none yet). */
    public double better(double value, double incumbent) {
        return beats(value, incumbent) ? value : incumbent;
    }

    /** Whether {@code value} is strictly better than {@code incumbent}, or there is no incumbent yet (NaN). */
    public boolean beats(double value, double incumbent) {
        return Double.isNaN(incumbent) || score(value) > score(incumbent);
    }

    /** Whether the trial can be the best: it trained normally and has a best epoch. */
    public boolean counts(TrialResult r) {
        return (r.status() == TrialStatus.OK || r.status() == TrialStatus.PRUNED) && bestEpoch(r).isPresent();
    }

    /** Best first; trials that cannot be the best (diverged, failed, stuck, no epoch) last, by id. */
    public Comparator<TrialResult> order() {
        return Comparator.comparing((TrialResult r) -> !counts(r))
                .thenComparingDouble(r -> counts(r) ? -score(value(r)) : 0)
                .thenComparingInt(TrialResult::trialId);
    }

    public Optional<TrialResult> best(List<TrialResult> results) {
        return results.stream().filter(this::counts).min(order());
    }

    /** The same order as Spark SQL over the {@code trials} table, whose best_objective column holds the value. */
    public String sqlOrder() {
        return "status IN ('ok', 'pruned') DESC, best_objective " + (minimise ? "ASC" : "DESC")
                + " NULLS LAST, trial_id";
    }

    /** e.g. "val_acc=0.412". */
    public String format(double value) {
        return shortName + "=" + Numbers.shortScore(value);
    }

    @Override
    public String toString() {
        return specName;
    }
}

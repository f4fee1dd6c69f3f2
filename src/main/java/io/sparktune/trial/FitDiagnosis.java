package io.sparktune.trial;

import java.util.List;
import java.util.Locale;

/**
 * Whether a trial over- or underfits, read from its learning curves, with the reason in words. The rules,
 * first match wins (documented in the README):
 * <ol>
 *   <li>{@code diverged}: the training loss became NaN or infinite.</li>
 *   <li>{@code unknown}: no epoch was completed (the trial failed first).</li>
 *   <li>{@code overfitting}: the validation loss ended more than 10% above its minimum, reached at an earlier
 *       epoch, while the training loss kept falling after it; or training accuracy ended more than 15
 *       points above validation accuracy.</li>
 *   <li>{@code underfitting}: both accuracies ended low (within 30% of the way from chance to perfect), or
 *       validation accuracy was still rising by more than a point at the last epoch (more epochs would help).</li>
 *   <li>{@code good}: none of these.</li>
 * </ol>
 */
public record FitDiagnosis(String fit, String reason) {
    static final double LOSS_RISE = 0.10;
    static final double ACCURACY_GAP = 0.15;
    static final double LOW_SHARE = 0.30;
    static final double STILL_RISING = 0.01;

    public static FitDiagnosis of(TrialStatus status, List<EpochResult> epochs, int classes) {
        if (status == TrialStatus.DIVERGED) {
            return new FitDiagnosis("diverged", "the training loss became NaN or infinite");
        }
        List<EpochResult> done = epochs.stream().filter(e -> !Double.isNaN(e.valLoss())).toList();
        if (done.isEmpty()) {
            return new FitDiagnosis("unknown", "no epoch was completed");
        }
        EpochResult last = done.get(done.size() - 1);
        EpochResult lowest = done.stream().min(java.util.Comparator.comparingDouble(EpochResult::valLoss)).orElseThrow();
        if (lowest.epoch() < last.epoch() && last.valLoss() > lowest.valLoss() * (1 + LOSS_RISE)
                && last.trainLoss() < lowest.trainLoss()) {
            return new FitDiagnosis("overfitting", String.format(Locale.ROOT,
                    "validation loss rose %.0f%% after its minimum at epoch %d while training loss kept falling",
                    100 * (last.valLoss() / lowest.valLoss() - 1), lowest.epoch()));
        }
        double gap = last.trainAccuracy() - last.valAccuracy();
        if (gap > ACCURACY_GAP) {
            return new FitDiagnosis("overfitting", String.format(Locale.ROOT,
                    "training accuracy %.3f is %.0f points above validation accuracy %.3f", last.trainAccuracy(),
                    100 * gap, last.valAccuracy()));
        }
        double chance = 1.0 / classes;
        double low = chance + LOW_SHARE * (1 - chance);
        if (last.trainAccuracy() < low && last.valAccuracy() < low) {
            return new FitDiagnosis("underfitting", String.format(Locale.ROOT,
                    "training %.3f and validation %.3f accuracy are both below %.3f (chance is %.3f)",
                    last.trainAccuracy(), last.valAccuracy(), low, chance));
        }
        if (done.size() >= 2) {
            double rise = last.valAccuracy() - done.get(done.size() - 2).valAccuracy();
            if (rise > STILL_RISING) {
                return new FitDiagnosis("underfitting", String.format(Locale.ROOT,
                        "validation accuracy still rose %.1f points in the last epoch: more epochs would help",
                        100 * rise));
            }
        }
        return new FitDiagnosis("good", "validation loss and accuracy levelled off without a rise in loss");
    }
}

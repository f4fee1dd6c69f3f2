package io.sparktune.trial;

import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one trial produced: its curves, how it ended, the validation metrics of its final network (null
 * when no epoch completed), when (epoch milliseconds) and where it ran. Summary numbers (best epoch, final
 * losses, the fit diagnosis) are derived from the curves rather than stored twice.
 */
public record TrialResult(
        int trialId,
        ModelConfig model,
        long seed,
        int rung,
        TrialStatus status,
        String error,
        List<EpochResult> epochs,
        Metrics validation,
        double trainSeconds,
        long startedAt,
        long finishedAt,
        String host,
        String executorId) implements Serializable {

    public TrialResult {
        epochs = List.copyOf(epochs);
    }

    /** The same result, stamped with the machine and executor that trained it. */
    public TrialResult ranOn(String newHost, String newExecutorId) {
        return new TrialResult(trialId, model, seed, rung, status, error, epochs, validation, trainSeconds, startedAt,
                finishedAt, newHost, newExecutorId);
    }

    /** The same result ended as pruned at its rung, with the reason. */
    public TrialResult pruned(String reason) {
        return new TrialResult(trialId, model, seed, rung, TrialStatus.PRUNED, reason, epochs, validation, trainSeconds,
                startedAt, finishedAt, host, executorId);
    }

    /**
     * The evaluated epoch with the highest validation accuracy, the earliest one on a tie: the
     * {@code best_val_accuracy} column's, whatever the search optimises. The trial's best epoch is the
     * objective's ({@link Objective#bestEpoch}).
     */
    public Optional<EpochResult> highestAccuracyEpoch() {
        return epochs.stream()
                .filter(e -> !Double.isNaN(e.valAccuracy()))
                .max(Comparator.comparingDouble(EpochResult::valAccuracy)
                        .thenComparing(Comparator.comparingInt(EpochResult::epoch).reversed()));
    }

    public Optional<EpochResult> lastEpoch() {
        return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
    }

    public FitDiagnosis fit() {
        return FitDiagnosis.of(status, epochs, validation == null ? 2 : validation.classes().size());
    }

    /** Ended before its configured epochs because validation loss stopped improving. */
    public boolean stoppedEarly() {
        return status == TrialStatus.OK && epochs.size() < model.get(Hyperparameters.EPOCHS);
    }

    public double bestValAccuracy() {
        return highestAccuracyEpoch().map(EpochResult::valAccuracy).orElse(Double.NaN);
    }
}

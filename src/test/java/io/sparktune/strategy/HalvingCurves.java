package io.sparktune.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparktune.model.Hyperparameters;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/** Trains a wave of halving's trials on made-up curves, checking each continues exactly where it stopped. */
final class HalvingCurves {
    private HalvingCurves() {
    }

    /**
     * Every trial of {@code wave} trained to its epochs, {@code accuracy(trial, epoch)} at each, replacing its
     * earlier result in {@code finished}. A trial that trained before must continue its own curve from a saved
     * network with the configuration it started with; a new one from scratch.
     */
    static List<TrialResult> train(List<TrialConfig> wave, ToDoubleBiFunction<TrialConfig, Integer> accuracy,
                                   List<TrialResult> finished) {
        List<TrialResult> all = new ArrayList<>(finished);
        for (TrialConfig t : wave) {
            TrialResult before = finished.stream().filter(r -> r.trialId() == t.trialId()).findFirst().orElse(null);
            assertEquals(before == null ? List.of() : before.epochs(), t.checkpoint().earlier(),
                    "trial " + t.trialId() + " continues the curve it had");
            assertEquals(before != null, t.checkpoint().hasNetwork(),
                    "trial " + t.trialId() + " continues from a saved network exactly when it trained before");
            if (before != null) {
                assertEquals(before.model().anyEpochs(), t.model().anyEpochs(),
                        "a promoted trial keeps the configuration it started with");
            }
            all.removeIf(r -> r.trialId() == t.trialId());
            List<EpochResult> curve = new ArrayList<>();
            for (int e = 1; e <= t.model().get(Hyperparameters.EPOCHS); e++) {
                double acc = accuracy.applyAsDouble(t, e);
                curve.add(new EpochResult(e, 1, acc, 1, acc, acc, acc, acc, 1));
            }
            all.add(new TrialResult(t.trialId(), t.model(), t.seed(), t.rung(), TrialStatus.OK, null, curve, null,
                    1, 0, 0, null, null));
        }
        return all;
    }
}

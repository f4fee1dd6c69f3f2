package io.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparktune.model.Activation;
import io.sparktune.model.Hyperparameter;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The variance shares, on trials whose objective is made from known effects. */
class HyperparameterImportanceTest {
    @Test
    void aParameterThatDecidesTheAccuracyExplainsAllOfItAndAnIrrelevantOneNone() {
        // The objective = 0.3 for tanh, 0.6 for relu, whatever the learning rate; and ten learning rates,
        // balanced across activations, so wide ranges are grouped by quartile.
        List<TrialResult> trials = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String activation = i % 2 == 0 ? "relu" : "tanh";
            ModelConfig model = ModelConfig.REFERENCE.with(Hyperparameters.LEARNING_RATE, 0.001 * (1 + i / 2))
                    .with(Hyperparameters.ACTIVATION, i % 2 == 0 ? Activation.RELU : Activation.TANH);
            double accuracy = activation.equals("relu") ? 0.6 : 0.3;
            trials.add(new TrialResult(i + 1, model, 1, 0, TrialStatus.OK, null,
                    List.of(new EpochResult(1, 1, accuracy, 1, accuracy, accuracy, accuracy, accuracy, 1)), null, 1,
                    0, 0, null, null));
        }
        // A trial that never reached a validation counts nowhere.
        trials.add(new TrialResult(21, ModelConfig.REFERENCE, 1, 0, TrialStatus.FAILED, "no network", List.of(),
                null, 0, 0, 0, null, null));

        List<HyperparameterImportance.Share> shares = HyperparameterImportance.of(trials,
                List.of(Hyperparameters.LEARNING_RATE, Hyperparameters.ACTIVATION), Objective.VAL_ACCURACY);
        assertEquals("activation", shares.get(0).parameter());
        assertEquals(1.0, shares.get(0).share(), 1e-9);
        assertEquals(2, shares.get(0).groups());
        assertEquals(20, shares.get(0).trials());
        assertEquals("learning_rate", shares.get(1).parameter());
        assertEquals(4, shares.get(1).groups(), "ten values grouped by quartile");
        assertEquals(0.0, shares.get(1).share(), 0.05);
    }

    /**
     * Under halving the relu trials were promoted to 3 epochs and gained from them; within the first rung
     * (1 epoch) relu and tanh did equally well, so activation explains nothing there.
     */
    @Test
    void underHalvingTheTrialsAreComparedWithinTheFirstRung() {
        List<TrialResult> trials = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean relu = i % 2 == 0;
            ModelConfig model = ModelConfig.REFERENCE.with(Hyperparameters.ACTIVATION,
                    relu ? Activation.RELU : Activation.TANH);
            List<EpochResult> epochs = new ArrayList<>();
            epochs.add(epoch(1, 0.40 + 0.01 * (i / 2)));
            if (relu) {
                epochs.add(epoch(2, 0.55));
                epochs.add(epoch(3, 0.60));
            }
            trials.add(new TrialResult(i + 1, model, 1, relu ? 1 : 0, TrialStatus.OK, null, epochs, null, 1, 0, 0,
                    null, null));
        }
        List<Hyperparameter<?>> searched = List.of(Hyperparameters.ACTIVATION);
        assertEquals(1.0, HyperparameterImportance.of(trials, searched, Objective.VAL_ACCURACY).get(0).share(), 0.1,
                "pooled over rungs, the promotions look like the activation's doing");
        assertEquals(0.0, HyperparameterImportance.withinEpochs(trials, searched, Objective.VAL_ACCURACY, 1).get(0)
                .share(), 1e-9, "within the first rung it explains nothing");
    }

    private static EpochResult epoch(int epoch, double accuracy) {
        return new EpochResult(epoch, 1, accuracy, 1, accuracy, accuracy, accuracy, accuracy, 1);
    }
}

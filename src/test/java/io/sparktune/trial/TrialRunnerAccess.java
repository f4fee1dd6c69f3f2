package io.sparktune.trial;

import io.sparktune.data.TrainingData;
import io.sparktune.network.Network;

/** One training epoch of a trial as the runner trains it, for tests outside the trial package. */
public final class TrialRunnerAccess {
    private TrialRunnerAccess() {
    }

    public static void trainEpoch(Network network, TrainingData data, TrialConfig trial, int epoch) {
        TrialRunner.trainEpoch(network, data.train(), trial, epoch, Augmentation.of(trial.model(), trial.seed()));
    }
}

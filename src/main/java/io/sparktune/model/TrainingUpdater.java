package io.sparktune.model;

import org.nd4j.linalg.learning.config.IUpdater;

/** The optimizer a trial trains with: its kind, learning rate, schedule and warm-up, for any network. */
public final class TrainingUpdater {
    private TrainingUpdater() {
    }

    /** A constant rate stays a plain number, so the reference network is configured exactly as it always was. */
    public static IUpdater of(ModelConfig config, NetworkInput input) {
        Optimizer optimizer = config.get(Hyperparameters.OPTIMIZER);
        double rate = config.get(Hyperparameters.LEARNING_RATE);
        if (config.get(Hyperparameters.LR_SCHEDULE) == LrSchedule.CONSTANT
                && config.get(Hyperparameters.WARMUP_EPOCHS) == 0) {
            return optimizer.updater(rate, config.get(Hyperparameters.MOMENTUM));
        }
        return optimizer.updater(new LearningRateSchedule(config.get(Hyperparameters.LR_SCHEDULE), rate,
                input.stepsPerEpoch(), config.get(Hyperparameters.WARMUP_EPOCHS), input.scheduleEpochs()),
                config.get(Hyperparameters.MOMENTUM));
    }
}

package io.sparktune.trial;

import java.io.Serializable;

/**
 * One point of a learning curve. {@code trainLoss} is the mean minibatch loss during the epoch (with the
 * L2 penalty, as the optimizer saw it); {@code valLoss} is the mean cross-entropy on the validation split
 * after the epoch. {@code trainAccuracy} is the share of the epoch's training images that its steps
 * classified right, each just before learning from them (as Keras reports training accuracy). Metrics are
 * NaN when the epoch diverged before it could be evaluated.
 */
public record EpochResult(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double valLoss,
        double valAccuracy,
        double valPrecision,
        double valRecall,
        double valF1,
        double seconds) implements Serializable {
}

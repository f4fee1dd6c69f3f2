package io.sparktune.trial;

import io.sparktune.data.ImageShape;
import io.sparktune.network.NetworkSource;
import java.util.List;

/**
 * What training a trial costs, as the driver estimates it before any runs: the FLOPs of its network (from
 * {@code networks}) on
 * images of {@code shape} in {@code classes} classes, {@code trainingImages} of them an epoch. It orders
 * trials longest first, measures the machine's pace and estimates what is left.
 */
public record TrialWork(NetworkSource networks, ImageShape shape, int classes, int trainingImages) {
    /** Training FLOPs per image of one epoch of {@code model}. */
    public double perImageEpoch(TrialConfig trial) {
        return networks.trainingFlops(trial.model(), shape, classes);
    }

    /** FLOPs per training image of the epochs the task still trains (a continued trial has some behind it). */
    public double perImage(TrialConfig trial) {
        return perImageEpoch(trial) * trial.epochsToTrain();
    }

    /** The mean training FLOPs per image of an epoch of {@code wave}'s trials; 0 for none. */
    public double meanPerImageEpoch(List<TrialConfig> wave) {
        return wave.stream().mapToDouble(this::perImageEpoch).average().orElse(0);
    }
}

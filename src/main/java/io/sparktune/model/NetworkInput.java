package io.sparktune.model;

import io.sparktune.data.ChannelStats;
import io.sparktune.data.ImageShape;
import io.sparktune.data.LabeledImages;
import io.sparktune.data.MinibatchSplit;
import java.util.function.Supplier;

/**
 * What a network is built for besides its hyperparameters: the images' shape, the classes, the training
 * steps in one epoch and the epochs its learning-rate schedule spans, and (for per-channel normalisation)
 * the statistics of the images it trains on, null when not needed.
 */
public record NetworkInput(ImageShape shape, int classes, int stepsPerEpoch, int scheduleEpochs,
                           ChannelStats channels) {

    /** For training {@code config} on {@code train}, with a schedule spanning {@code scheduleEpochs}. */
    public static NetworkInput of(ModelConfig config, LabeledImages train, int scheduleEpochs) {
        return of(config, train, scheduleEpochs, () -> ChannelStats.of(train));
    }

    /** The same, with {@code train}'s statistics from {@code stats}, asked only for per-channel normalisation. */
    public static NetworkInput of(ModelConfig config, LabeledImages train, int scheduleEpochs,
                                  Supplier<ChannelStats> stats) {
        int batch = config.get(Hyperparameters.BATCH_SIZE);
        boolean standardize = config.get(Hyperparameters.NORMALIZE) == Normalization.PER_CHANNEL;
        return new NetworkInput(train.shape(), train.classes(), new MinibatchSplit(train.size(), batch).count(),
                scheduleEpochs, standardize ? stats.get() : null);
    }
}

package io.sparktune.model;

import io.sparktune.data.ChannelStats;
import io.sparktune.data.ImageShape;
import io.sparktune.data.LabeledImages;
import io.sparktune.data.MinibatchSplit;
import java.util.function.Supplier;

/**
 * What a network is built for besides its hyperparameters: the images' shape, the classes, the training
 * steps in one epoch and the epochs its learning-rate schedule spans, and what is measured on the images it
 * trains on when its hyperparameters ask for it (null otherwise): the channels' statistics for per-channel
 * normalisation, the patches' whitening for patch_whitening.
 */
public record NetworkInput(ImageShape shape, int classes, int stepsPerEpoch, int scheduleEpochs,
                           ChannelStats channels, PatchWhitening whitening) {

    /** For a network that needs no whitening. */
    public NetworkInput(ImageShape shape, int classes, int stepsPerEpoch, int scheduleEpochs, ChannelStats channels) {
        this(shape, classes, stepsPerEpoch, scheduleEpochs, channels, null);
    }

    /** For training {@code config} on {@code train}, with a schedule spanning {@code scheduleEpochs}. */
    public static NetworkInput of(ModelConfig config, LabeledImages train, int scheduleEpochs) {
        return of(config, train, scheduleEpochs, () -> ChannelStats.of(train));
    }

    /** The same, with {@code train}'s statistics from {@code stats}, asked only for per-channel normalisation. */
    public static NetworkInput of(ModelConfig config, LabeledImages train, int scheduleEpochs,
                                  Supplier<ChannelStats> stats) {
        int batch = config.get(Hyperparameters.BATCH_SIZE);
        boolean standardize = config.get(Hyperparameters.NORMALIZE) == Normalization.PER_CHANNEL;
        ChannelStats channels = standardize ? stats.get() : null;
        return new NetworkInput(train.shape(), train.classes(), new MinibatchSplit(train.size(), batch).count(),
                scheduleEpochs, channels, config.get(Hyperparameters.PATCH_WHITENING)
                        ? PatchWhitening.of(train, channels) : null);
    }
}

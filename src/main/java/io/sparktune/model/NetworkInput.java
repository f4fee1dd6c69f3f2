package io.sparktune.model;

import io.sparktune.data.ChannelStats;
import io.sparktune.data.ImageShape;
import io.sparktune.data.LabeledImages;
import io.sparktune.data.MinibatchSplit;
import java.util.Arrays;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

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

    /**
     * For a network built before any image is read (checking that it builds, timing its steps): neutral channel
     * statistics (mean 0, deviation 1) and a placeholder whitening of small random filters, which shape and
     * cost what the measured ones would.
     */
    public static NetworkInput withoutImages(ImageShape shape, int classes, int stepsPerEpoch, int scheduleEpochs) {
        float[] ones = new float[shape.channels()];
        Arrays.fill(ones, 1);
        PatchWhitening placeholder = new PatchWhitening(Nd4j.rand(DataType.FLOAT,
                FamilyLayout.whiteningFilters(shape.channels()), shape.channels(), 2, 2).muli(0.1));
        return new NetworkInput(shape, classes, stepsPerEpoch, scheduleEpochs,
                new ChannelStats(new float[shape.channels()], ones), placeholder);
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

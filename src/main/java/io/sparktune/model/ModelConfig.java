package io.sparktune.model;

import io.sparktune.spec.SpecException;
import java.io.Serializable;

/**
 * Everything that decides how one CNN is built and trained. The spec's {@code model} section gives the
 * defaults (the baseline); a trial is these defaults with the searched values laid over them.
 *
 * <p>The network is {@code convLayers} blocks of [conv kernelSize x kernelSize -> max-pool 2x2], the
 * block i having {@code filters * 2^i} filters, then a dense layer of {@code denseUnits}, then softmax.
 * Training images are augmented when asked: mirrored left-right at random ({@code augmentFlip}) and shifted
 * by up to {@code augmentCrop} pixels (a random crop of the image padded with zeros by that much).
 * With {@code earlyStoppingPatience} > 0, training stops once validation loss has not improved for that
 * many epochs.
 */
public record ModelConfig(
        double learningRate,
        int batchSize,
        int filters,
        int convLayers,
        int kernelSize,
        int denseUnits,
        Activation activation,
        double dropout,
        Optimizer optimizer,
        double l2,
        int epochs,
        boolean augmentFlip,
        int augmentCrop,
        int earlyStoppingPatience) implements Serializable {

    /** The reference CNN of the brief: conv 32 3x3 -> max-pool 2x2 -> dense 128 -> softmax, Adam 0.001. */
    public static final ModelConfig REFERENCE =
            new ModelConfig(0.001, 64, 32, 1, 3, 128, Activation.RELU, 0.0, Optimizer.ADAM, 0.0, 5, false, 0, 0);

    /** Checks the ranges that JSON types cannot express; {@code prefix} is where this config sits in the spec. */
    public ModelConfig validate(String prefix) {
        require(learningRate > 0 && Double.isFinite(learningRate), prefix, "learning_rate",
                "must be a number > 0, got " + learningRate);
        require(batchSize >= 1 && batchSize <= 65536, prefix, "batch_size",
                "must be an integer from 1 to 65536, got " + batchSize);
        require(filters >= 1 && filters <= 4096, prefix, "filters",
                "must be an integer from 1 to 4096, got " + filters);
        require(convLayers >= 1 && convLayers <= 8, prefix, "conv_layers",
                "must be an integer from 1 to 8, got " + convLayers);
        require(kernelSize >= 1 && kernelSize <= 15, prefix, "kernel_size",
                "must be an integer from 1 to 15, got " + kernelSize);
        require(denseUnits >= 1 && denseUnits <= 65536, prefix, "dense_units",
                "must be an integer from 1 to 65536, got " + denseUnits);
        require(activation != null, prefix, "activation", "is required; allowed: " + Activation.allowed());
        require(dropout >= 0 && dropout < 1, prefix, "dropout",
                "is the probability of dropping a unit and must be in [0, 1), got " + dropout);
        require(optimizer != null, prefix, "optimizer", "is required; allowed: " + Optimizer.allowed());
        require(l2 >= 0 && Double.isFinite(l2), prefix, "l2", "must be a number >= 0, got " + l2);
        require(epochs >= 1 && epochs <= 10000, prefix, "epochs",
                "must be an integer from 1 to 10000, got " + epochs);
        require(augmentCrop >= 0 && augmentCrop <= 64, prefix, "augment_crop",
                "is the padding in pixels of the random crop, from 0 (off) to 64, got " + augmentCrop);
        require(earlyStoppingPatience >= 0, prefix, "early_stopping_patience",
                "is a number of epochs, 0 (off) or more, got " + earlyStoppingPatience);
        return this;
    }

    /**
     * The side of the feature map that reaches the dense layer, or a message saying which block makes it
     * vanish. Convolutions are unpadded, like the reference CNN, so each block shrinks the map.
     */
    public int finalFeatureSide(int inputSide) {
        int side = inputSide;
        for (int block = 0; block < convLayers; block++) {
            side = side - kernelSize + 1;
            if (side < 2) {
                throw new SpecException("model.conv_layers",
                        "an input of " + inputSide + "x" + inputSide + " pixels is too small for " + convLayers
                                + " conv blocks with kernel_size " + kernelSize + " (block " + (block + 1)
                                + " leaves " + side + " pixels); use fewer conv_layers or a smaller kernel_size");
            }
            side = side / 2;
        }
        return side;
    }

    private static void require(boolean ok, String prefix, String field, String problem) {
        if (!ok) {
            throw new SpecException(prefix + field, problem);
        }
    }
}

package io.sparktune.model;

import io.sparktune.data.ImageShape;

/**
 * What training one network of the family holds in native memory, off the Java heap, where ND4J keeps
 * every array: its parameters with their gradients and Adam's two moments, and a minibatch's activations
 * kept for the backward pass with their gradients. Counted from the {@link ModelConfig} as
 * {@link NetworkCost} counts FLOPs, so it is known before anything is built.
 */
public final class NetworkMemory {
    private static final int FLOAT = Float.BYTES;
    /** Parameters, their gradients, and Adam's first and second moments (SGD keeps fewer). */
    private static final int COPIES_OF_PARAMETERS = 4;
    /**
     * Copies of each kept activation per image of a minibatch: its gradient, and the buffers DL4J's
     * workspaces and oneDNN keep beside them. Measured: the strong member's peak resident memory grew by
     * 4.9 MB per image of the minibatch from batch 64 to 256, 3.4 float copies of its activations; 4 leaves a
     * margin (BENCHMARKS.md).
     */
    private static final int COPIES_OF_ACTIVATIONS = 4;

    private NetworkMemory() {
    }

    /** Native bytes one trial of this configuration holds at its peak, its data aside. */
    public static long trainingBytes(ModelConfig config, ImageShape input, int classes) {
        return trainingBytes(parameters(config, input, classes), activations(config, input, classes),
                config.get(Hyperparameters.BATCH_SIZE));
    }

    /**
     * Native bytes at the peak of training any network of {@code parameters} weights that keeps
     * {@code activations} elements per image for its backward pass, on minibatches of {@code batch}.
     */
    public static long trainingBytes(long parameters, long activations, long batch) {
        return (long) FLOAT * (COPIES_OF_PARAMETERS * parameters + COPIES_OF_ACTIVATIONS * batch * activations);
    }

    /** Weights, biases and batch norm's four values per channel. */
    public static long parameters(ModelConfig config, ImageShape input, int classes) {
        return walk(config, input, classes, true);
    }

    /** Elements per image kept for the backward pass: the input, each layer's outputs, the pooled maps. */
    static long activations(ModelConfig config, ImageShape input, int classes) {
        return walk(config, input, classes, false);
    }

    private static long walk(ModelConfig config, ImageShape input, int classes, boolean parameters) {
        boolean batchNorm = config.get(Hyperparameters.BATCH_NORM);
        long side = Math.min(input.height(), input.width());
        long channels = input.channels();
        long total = parameters ? 0 : (long) input.pixels();
        for (FamilyLayout.Placed placed : FamilyLayout.of(config).placed(side, channels)) {
            FamilyLayout.Step step = placed.step();
            long out = Math.max(1, placed.outSide());
            long elements = out * out * placed.outChannels();
            if (step instanceof FamilyLayout.Conv conv) {
                total += parameters
                        ? (long) conv.kernel() * conv.kernel() * placed.inChannels() * conv.filters()
                                + (conv.bias() ? conv.filters() : 0)
                        // the convolution's output, and the activation's when it applies its own
                        : elements * (conv.activated() ? 2 : 1);
            } else if (step instanceof FamilyLayout.Whiten) {
                total += parameters ? 4 * placed.inChannels() * placed.outChannels() : 2 * elements;
            } else if (step instanceof FamilyLayout.Norm) {
                total += parameters ? 4 * placed.outChannels() : elements;
            } else {
                total += parameters ? 0 : elements;
            }
            side = out;
            channels = placed.outChannels();
        }
        if (config.get(Hyperparameters.HEAD) != Head.DENSE) {
            return total + (parameters ? channels * classes + classes : channels + classes);
        }
        long dense = config.get(Hyperparameters.DENSE_UNITS);
        long flattened = side * side * channels;
        return total + (parameters
                ? flattened * dense + (batchNorm ? 4 * dense : dense) + dense * classes + classes
                : dense * (batchNorm ? 3 : 2) + classes);
    }
}

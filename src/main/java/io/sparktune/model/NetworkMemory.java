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
        int kernel = config.get(Hyperparameters.KERNEL_SIZE);
        boolean same = config.get(Hyperparameters.PADDING) == Padding.SAME;
        long side = Math.min(input.height(), input.width());
        long channels = input.channels();
        long total = parameters ? 0 : (long) input.pixels();
        for (int block = 0; block < config.get(Hyperparameters.CONV_LAYERS); block++) {
            long filters = (long) config.get(Hyperparameters.FILTERS) << block;
            for (int conv = 0; conv < config.get(Hyperparameters.CONVS_PER_BLOCK); conv++) {
                long out = Math.max(1, same ? side : side - kernel + 1);
                total += parameters
                        ? (long) kernel * kernel * channels * filters + (batchNorm ? 4 * filters : filters)
                        // the convolution's output, batch norm's, and the activation's
                        : out * out * filters * (batchNorm ? 3 : 2);
                side = out;
                channels = filters;
            }
            side = Math.max(1, side / 2);
            total += parameters ? 0 : side * side * channels;
        }
        if (config.get(Hyperparameters.HEAD) == Head.GLOBAL_AVG) {
            return total + (parameters ? channels * classes + classes : channels + classes);
        }
        long dense = config.get(Hyperparameters.DENSE_UNITS);
        long flattened = side * side * channels;
        return total + (parameters
                ? flattened * dense + (batchNorm ? 4 * dense : dense) + dense * classes + classes
                : dense * (batchNorm ? 3 : 2) + classes);
    }
}

package io.sparktune.model;

import io.sparktune.data.ImageShape;

/**
 * Floating-point operations per image of the network a {@link ModelConfig} builds (a multiply-add counts
 * as 2). Used to order trials longest first and to say how close training comes to the processor's peak.
 */
public final class NetworkCost {
    private NetworkCost() {
    }

    /** One forward pass: convolutions and dense layers; activations and pooling are negligible beside them. */
    public static double forwardFlops(ModelConfig config, ImageShape input, int classes) {
        return flops(config, input, classes, false);
    }

    /**
     * One training step per image: the forward pass, the weight gradients (as much again), and the input
     * gradients of every layer but the first (which has no layer below it to pass them to).
     */
    public static double trainingFlops(ModelConfig config, ImageShape input, int classes) {
        return flops(config, input, classes, true);
    }

    private static double flops(ModelConfig config, ImageShape input, int classes, boolean training) {
        double total = 0;
        long side = Math.min(input.height(), input.width());
        long channels = input.channels();
        boolean first = true;
        for (int block = 0; block < config.convLayers(); block++) {
            long out = side - config.kernelSize() + 1;
            long filters = (long) config.filters() << block;
            double forward = 2.0 * out * out * filters * config.kernelSize() * config.kernelSize() * channels;
            total += forward * (training ? (first ? 2 : 3) : 1);
            first = false;
            side = out / 2;
            channels = filters;
        }
        double flattened = (double) side * side * channels;
        total += 2.0 * flattened * config.denseUnits() * (training ? 3 : 1);
        total += 2.0 * config.denseUnits() * classes * (training ? 3 : 1);
        return total;
    }
}

package io.sparktune.model;

import io.sparktune.data.ImageShape;

/**
 * Floating-point operations per image of the network a {@link ModelConfig} builds (a multiply-add counts
 * as 2). Used to order trials longest first and to say how close training comes to the processor's peak.
 * Activations are counted too, in FLOP-equivalents per element: transcendental ones are far from free.
 */
public final class NetworkCost {
    /**
     * Forward plus backward cost of one activated element, in FLOP-equivalents. Measured with
     * jobs/bench-parallel.sh: a tanh trial of the reference CNN took 28% longer than a ReLU one, about 5.6 ns
     * more per element at ~17 GFLOP/s. Sigmoid is taken to cost what tanh does, leaky ReLU what ReLU does.
     */
    public static final double CHEAP_ACTIVATION = 4;
    private static final double TRANSCENDENTAL_ACTIVATION = 100;
    /** Batch norm per element, forward and backward: statistics, normalising, scaling, and their gradients. */
    public static final double BATCH_NORM = 10;

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

    /** FLOP-equivalents per activated element, forward and backward. */
    static double activationCost(Activation activation) {
        return switch (activation) {
            case RELU, LEAKYRELU -> CHEAP_ACTIVATION;
            case TANH, SIGMOID, GELU -> TRANSCENDENTAL_ACTIVATION;
        };
    }

    private static double flops(ModelConfig config, ImageShape input, int classes, boolean training) {
        double activationCost = activationCost(config.get(Hyperparameters.ACTIVATION)) / (training ? 1 : 2);
        double normCost = BATCH_NORM / (training ? 1 : 2);
        double total = 0;
        long side = Math.min(input.height(), input.width());
        long channels = input.channels();
        boolean first = true;
        for (FamilyLayout.Placed placed : FamilyLayout.of(config).placed(side, channels)) {
            FamilyLayout.Step step = placed.step();
            long elements = placed.outSide() * placed.outSide() * placed.outChannels();
            if (step instanceof FamilyLayout.Whiten || step instanceof FamilyLayout.Conv) {
                int kernel = step instanceof FamilyLayout.Conv conv ? conv.kernel() : 2;
                double forward = 2.0 * elements * kernel * kernel * placed.inChannels();
                // The first layer passes no gradient to the images; the frozen whitening one needs no weights'.
                total += forward * (training ? (first ? 2 : 3) : 1);
                boolean activated = !(step instanceof FamilyLayout.Conv conv) || conv.activated();
                total += activated ? activationCost * elements : 0;
                first = false;
            } else if (step instanceof FamilyLayout.Norm) {
                total += normCost * elements;
            } else if (step instanceof FamilyLayout.Act) {
                total += activationCost * elements;
            }
            side = placed.outSide();
            channels = placed.outChannels();
        }
        double elementCost = activationCost + (config.get(Hyperparameters.BATCH_NORM) ? normCost : 0);
        if (config.get(Hyperparameters.HEAD) != Head.DENSE) {
            return total + 2.0 * channels * classes * (training ? 3 : 1);
        }
        int dense = config.get(Hyperparameters.DENSE_UNITS);
        double flattened = (double) side * side * channels;
        total += 2.0 * flattened * dense * (training ? 3 : 1);
        total += elementCost * dense;
        total += 2.0 * dense * classes * (training ? 3 : 1);
        return total;
    }
}

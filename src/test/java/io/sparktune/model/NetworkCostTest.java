package io.sparktune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.ImageShape;
import org.junit.jupiter.api.Test;

class NetworkCostTest {
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);

    @Test
    void theReferenceCnnOnCifar10() {
        // conv: 30x30 outputs x 32 filters x 27 multiply-adds; dense: 15x15x32 = 7,200 inputs x 128; out: 128 x 10.
        double conv = 2.0 * 30 * 30 * 32 * 27;
        double dense = 2.0 * 7200 * 128;
        double out = 2.0 * 128 * 10;
        double activated = 30 * 30 * 32 + 128;
        double relu = NetworkCost.activationCost(Activation.RELU);
        assertEquals(conv + dense + out + activated * relu / 2,
                NetworkCost.forwardFlops(ModelConfig.REFERENCE, CIFAR, 10));
        // The first layer passes no gradient down, so its backward pass is the weight gradient alone.
        assertEquals(2 * conv + 3 * dense + 3 * out + activated * relu,
                NetworkCost.trainingFlops(ModelConfig.REFERENCE, CIFAR, 10));
    }

    @Test
    void tanhTrialsAreExpectedToTakeLongerThanReluOnes() {
        // Measured: about 28% longer for the reference CNN (jobs/bench-parallel.sh).
        ModelConfig tanh = ModelConfig.REFERENCE.with(Hyperparameters.ACTIVATION, Activation.TANH);
        double ratio = NetworkCost.trainingFlops(tanh, CIFAR, 10)
                / NetworkCost.trainingFlops(ModelConfig.REFERENCE, CIFAR, 10);
        assertTrue(ratio > 1.2 && ratio < 1.45, "tanh / relu = " + ratio);
    }

    @Test
    void deeperAndWiderNetworksCostMore() {
        ModelConfig wide = ModelConfig.REFERENCE.with(Hyperparameters.FILTERS, 64);
        ModelConfig deep = ModelConfig.REFERENCE.with(Hyperparameters.CONV_LAYERS, 2);
        double reference = NetworkCost.trainingFlops(ModelConfig.REFERENCE, CIFAR, 10);
        assertTrue(NetworkCost.trainingFlops(wide, CIFAR, 10) > 1.9 * reference);
        assertTrue(NetworkCost.trainingFlops(deep, CIFAR, 10) > reference);
    }

    @Test
    void samePaddingDeeperBlocksAndTheHeadCountAsBuilt() {
        ModelConfig vgg = ModelConfig.REFERENCE.with(Hyperparameters.PADDING, Padding.SAME)
                .with(Hyperparameters.CONVS_PER_BLOCK, 2).with(Hyperparameters.HEAD, Head.GLOBAL_AVG);
        // Same padding keeps 32x32: conv 3->32 then conv 32->32, pooled to 16x16x32 and averaged to 32 inputs.
        double conv1 = 2.0 * 32 * 32 * 32 * 27;
        double conv2 = 2.0 * 32 * 32 * 32 * 288;
        double relu = NetworkCost.activationCost(Activation.RELU);
        assertEquals(conv1 + conv2 + 2 * 32 * 32 * 32 * relu / 2 + 2.0 * 32 * 10,
                NetworkCost.forwardFlops(vgg, CIFAR, 10));
        double withNorm = NetworkCost.forwardFlops(vgg.with(Hyperparameters.BATCH_NORM, true), CIFAR, 10);
        assertTrue(withNorm > NetworkCost.forwardFlops(vgg, CIFAR, 10), "batch norm costs something");
    }
}

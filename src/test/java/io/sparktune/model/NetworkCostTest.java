package io.sparktune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.ImageShape;
import io.sparktune.spec.SpecJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkCostTest {
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);

    @Test
    void theReferenceCnnOnCifar10() {
        // conv: 30x30 outputs x 32 filters x 27 multiply-adds; dense: 15x15x32 = 7,200 inputs x 128; out: 128 x 10.
        double conv = 2.0 * 30 * 30 * 32 * 27;
        double dense = 2.0 * 7200 * 128;
        double out = 2.0 * 128 * 10;
        assertEquals(conv + dense + out, NetworkCost.forwardFlops(ModelConfig.REFERENCE, CIFAR, 10));
        // The first layer passes no gradient down, so its backward pass is the weight gradient alone.
        assertEquals(2 * conv + 3 * dense + 3 * out, NetworkCost.trainingFlops(ModelConfig.REFERENCE, CIFAR, 10));
    }

    @Test
    void deeperAndWiderNetworksCostMore() {
        ModelConfig wide = SpecJson.overlay(ModelConfig.REFERENCE, Map.of("filters", 64), "");
        ModelConfig deep = SpecJson.overlay(ModelConfig.REFERENCE, Map.of("conv_layers", 2), "");
        double reference = NetworkCost.trainingFlops(ModelConfig.REFERENCE, CIFAR, 10);
        assertTrue(NetworkCost.trainingFlops(wide, CIFAR, 10) > 1.9 * reference);
        assertTrue(NetworkCost.trainingFlops(deep, CIFAR, 10) > reference);
    }
}

package io.sparktune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.ImageShape;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.TestTimeAugmentation;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.trial.TestModels;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pace a first search measures on its own network before it starts. */
class PaceProbeTest {
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);

    @Test
    void theBaselineTrainsOnAFewMinibatchesAndGivesItsOwnFlopRate() {
        ModelConfig fast = TestModels.of(Map.of("block_widths", java.util.List.of(8, 16), "conv_layers", 2,
                "convs_per_block", 2, "padding", "same", "block_order", "conv_pool_bn_act", "patch_whitening", true,
                "batch_norm", true, "activation", "gelu", "batch_size", 32));
        PaceProbe.Pace pace = PaceProbe.measure(BuiltInNetwork.INSTANCE, fast, CIFAR, 10, 1, 900, 100)
                .orElseThrow();
        assertTrue(pace.minibatches() >= 1 && pace.minibatches() <= 4, pace.toString());
        assertTrue(pace.flopsPerCoreSecond() > 1e8 && pace.flopsPerCoreSecond() < 1e12,
                "a plausible rate for one core: " + pace);
    }

    @Test
    void aValidationImageCostsOnePassPerTestTimeViewAndATinyNetworkMeasuresToo() {
        assertEquals(1, TestTimeAugmentation.NONE.views());
        assertEquals(2, TestTimeAugmentation.MIRROR.views());
        assertEquals(6, TestTimeAugmentation.MIRROR_TRANSLATE.views());
        assertTrue(PaceProbe.measure(BuiltInNetwork.INSTANCE, ModelConfig.REFERENCE.with(Hyperparameters.EPOCHS, 1),
                new ImageShape(3, 8, 8), 4, 1, 100, 0).isPresent(), "a tiny network measures too");
    }
}

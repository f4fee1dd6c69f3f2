package io.sparktune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.ImageShape;
import io.sparktune.trial.Dl4jRuntime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The memory a trial holds is counted from its configuration before anything is built: the parameters
 * counted are those DL4J builds, and the activations grow with the minibatch.
 */
class NetworkMemoryTest {
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);
    private static final NetworkInput INPUT = new NetworkInput(CIFAR, 10, 100, 10, null);

    /** The strong member of the family (conf/cifar10-strong.json). */
    static final ModelConfig STRONG = ModelConfig.REFERENCE.with(Hyperparameters.CONV_LAYERS, 3)
            .with(Hyperparameters.CONVS_PER_BLOCK, 2).with(Hyperparameters.PADDING, Padding.SAME)
            .with(Hyperparameters.BATCH_NORM, true).with(Hyperparameters.HEAD, Head.GLOBAL_AVG);

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.limitThreads(1);
    }

    @Test
    void theParametersCountedAreTheOnesDl4jBuilds() {
        List<ModelConfig> members = List.of(ModelConfig.REFERENCE, STRONG,
                ModelConfig.REFERENCE.with(Hyperparameters.BATCH_NORM, true).with(Hyperparameters.KERNEL_SIZE, 5),
                STRONG.with(Hyperparameters.HEAD, Head.DENSE).with(Hyperparameters.FILTERS, 8));
        for (ModelConfig member : members) {
            assertEquals(CnnFactory.build(member, INPUT, 1).numParams(), NetworkMemory.parameters(member, CIFAR, 10),
                    member.toString());
        }
    }

    @Test
    void aLargerMinibatchHoldsMoreActivationsAndTheNetworkStaysTheSame() {
        long b64 = NetworkMemory.trainingBytes(STRONG.with(Hyperparameters.BATCH_SIZE, 64), CIFAR, 10);
        long b256 = NetworkMemory.trainingBytes(STRONG.with(Hyperparameters.BATCH_SIZE, 256), CIFAR, 10);
        long perImage = (b256 - b64) / 192;
        assertEquals(4L * Float.BYTES * NetworkMemory.activations(STRONG, CIFAR, 10), perImage);
        // Measured growth from batch 64 to 256 was 4.9 MB per image (BENCHMARKS.md): counted with a margin.
        assertTrue(perImage > 4.9e6 && perImage < 7e6, perImage + " bytes per image");
    }
}

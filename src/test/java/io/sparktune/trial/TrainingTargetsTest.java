package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sparktune.data.LabeledImages;
import io.sparktune.data.TrainingData;
import io.sparktune.model.ClassWeights;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.network.Network;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Class weights and label smoothing as training receives them. */
class TrainingTargetsTest {
    @Test
    void balancedWeightsAreInverseClassFrequency() {
        assertArrayEquals(new float[] {4f / 6, 2f}, ClassWeights.BALANCED.of(new int[] {0, 0, 0, 1}, 2), 1e-6f);
        assertArrayEquals(new float[] {1f, 1f, 1f}, ClassWeights.BALANCED.of(new int[] {0, 1, 2}, 3), 1e-6f);
        assertNull(ClassWeights.NONE.of(new int[] {0, 0, 1}, 2));
    }

    @Test
    void eachImagesLossAndGradientCountByItsClassWeight() {
        Dl4jRuntime.limitThreads(1);
        TrainingData data = LearnableImages.of(80, 2, 3);
        LabeledImages train = data.train();
        ModelConfig model = TestModels.of(Map.of("filters", 4, "dense_units", 8, "class_weights", "balanced"));
        Network weighed = BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, train, 1), 5);
        Network plain = BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, train, 1), 5);
        // Three training images of class 0 for each one of class 1: balanced weights are 2/3 and 2.
        TrainingTargets.of(model, new int[] {0, 0, 0, 1}, 2).weigh(weighed);
        DataSet batch = TrainingData.batch(train, new int[] {0, 1, 2, 3, 4, 5});
        INDArray perImage = ((MultiLayerNetwork) plain.model()).scoreExamples(batch, false);
        double expected = 0;
        for (int i = 0; i < 6; i++) {
            expected += perImage.getDouble(i) * (batch.getLabels().getDouble(i, 0) == 1 ? 2.0 / 3 : 2.0);
        }
        MultiLayerNetwork stack = (MultiLayerNetwork) weighed.model();
        assertEquals(expected / 6, stack.score(batch), 1e-5, "the mean of each image's loss times its class's weight");
        INDArray before = stack.params().dup();
        stack.fit(batch);
        ((MultiLayerNetwork) plain.model()).fit(batch);
        assertFalse(before.equalsWithEps(stack.params(), 1e-7), "it learns");
        assertFalse(((MultiLayerNetwork) plain.model()).params().equalsWithEps(stack.params(), 1e-6),
                "and learns otherwise than without weights");
        assertSame(batch, TrainingTargets.of(TestModels.of(Map.of()), train).apply(batch), "nothing to change");
    }
}

package io.sparktune.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.TrainingData;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.spec.SpecJson;
import io.sparktune.trial.Dl4jRuntime;
import io.sparktune.trial.LearnableImages;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The first convolution's gradients, computed without the input gradient nobody uses, are the ones DL4J's
 * oneDNN helper computes, for valid and same padding, with and without a bias, behind per-channel
 * standardisation; and a network trained with them learns what it learns with DL4J's helper.
 */
class FirstConvHelperTest {
    @Test
    void theReferenceCnnLearnsWhatItLearnsWithDl4jsHelper() {
        assertSameTraining(Map.of("filters", 8, "dense_units", 16, "batch_size", 32));
    }

    @Test
    void aSamePaddedBatchNormedNetworkWithoutBiasLearnsTheSame() {
        assertSameTraining(Map.of("filters", 8, "padding", "same", "batch_norm", true, "kernel_size", 5,
                "head", "global_avg", "weight_init", "he", "batch_size", 32));
    }

    @Test
    void anEvenKernelWithSamePaddingLearnsTheSame() {
        // Same padding with an even kernel pads one side more than the other.
        assertSameTraining(Map.of("filters", 8, "dense_units", 16, "padding", "same", "kernel_size", 4,
                "batch_size", 32));
    }

    @Test
    void standardisedInputLearnsTheSame() {
        assertSameTraining(Map.of("filters", 8, "dense_units", 16, "normalize", "per_channel", "batch_size", 32));
    }

    private static void assertSameTraining(Map<String, Object> overrides) {
        Dl4jRuntime.limitThreads(1);
        TrainingData data = LearnableImages.of(320, 4, 3);
        ModelConfig model = ModelConfig.REFERENCE.overlay(SpecJson.mapper().valueToTree(overrides), "");
        MultiLayerNetwork ours = (MultiLayerNetwork) BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, data.train(), 1), 42).model();
        MultiLayerNetwork dl4j = new MultiLayerNetwork(ours.getLayerWiseConfigurations().clone());
        dl4j.init(ours.params().dup(), false);
        assertInstanceOf(FirstConvHelper.class, ours.getLayer(0).getHelper());
        assertEquals(MKLDNNConvHelper.class, dl4j.getLayer(0).getHelper().getClass());

        int steps = 0;
        for (int start = 0; start + 32 <= data.train().size(); start += 32) {
            int first = start;
            int[] rows = new int[32];
            Arrays.setAll(rows, i -> first + i);
            DataSet batch = TrainingData.batch(data.train(), rows);
            if (steps == 0) {
                assertSameGradients(ours, dl4j, batch);
            }
            ours.fit(batch);
            dl4j.fit(batch);
            steps++;
            assertEquals(dl4j.score(), ours.score(), 1e-4 * Math.max(1, dl4j.score()), "loss at image " + start);
        }
        assertTrue(ours.params().equalsWithEps(dl4j.params(), 1e-3), "the same weights after " + steps + " steps");
        INDArray validation = TrainingData.batchesInOrder(data.validation(), 50).get(0).getFeatures();
        assertEquals(dl4j.output(validation, false).argMax(1), ours.output(validation, false).argMax(1),
                "the same validation predictions");
        FirstConvHelper helper = assertInstanceOf(FirstConvHelper.class, ours.getLayer(0).getHelper());
        assertEquals(steps + 1, helper.computedHere(), "every step's first-layer gradients were computed here");
    }

    private static void assertSameGradients(MultiLayerNetwork ours, MultiLayerNetwork dl4j, DataSet batch) {
        for (MultiLayerNetwork network : new MultiLayerNetwork[] {ours, dl4j}) {
            network.setInput(batch.getFeatures());
            network.setLabels(batch.getLabels());
            network.computeGradientAndScore();
        }
        for (Map.Entry<String, INDArray> expected : dl4j.gradient().gradientForVariable().entrySet()) {
            INDArray actual = ours.gradient().getGradientFor(expected.getKey());
            double scale = Math.max(1e-3, expected.getValue().amaxNumber().doubleValue());
            double difference = actual.sub(expected.getValue()).amaxNumber().doubleValue();
            assertTrue(difference <= 1e-4 * scale, expected.getKey() + ": off by " + difference + " of " + scale);
        }
    }
}

package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.data.Cifar10Reader;
import io.sparktune.data.RawImages;
import io.sparktune.data.TrainingData;
import io.sparktune.model.ModelConfig;
import io.sparktune.spec.SpecJson;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The strong end of the family on real CIFAR-10 images, through the trial runner a search uses. */
class FamilyTrainingTest {
    @Test
    void aSamePaddedThreeBlockNetworkWithBatchNormLearnsInOneEpochOf2000Images() {
        Dl4jRuntime.limitThreads(1);
        RawImages pool = new Cifar10Reader(RequiredData.cifar10().toString()).trainingPool();
        TrainingData data = new TrainingData(pool.select(IntStream.range(0, 2000).toArray()),
                pool.select(IntStream.range(2000, 2500).toArray()));
        ModelConfig model = ModelConfig.REFERENCE.overlay(SpecJson.mapper().valueToTree(Map.of(
                "filters", 16, "conv_layers", 3, "convs_per_block", 2, "padding", "same", "batch_norm", true,
                "head", "global_avg", "weight_init", "he", "normalize", "per_channel", "learning_rate", 0.003,
                "epochs", 1)), "");
        TrialResult r = new TrialRunner().run(TrialConfig.of(1, model, 42), data);
        assertEquals(TrialStatus.OK, r.status(), r.error());
        assertTrue(r.bestValAccuracy() > 0.2, "chance is 0.1; after one epoch: " + r.epochs());
    }
}

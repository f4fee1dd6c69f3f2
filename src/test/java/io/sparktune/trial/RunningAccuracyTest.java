package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.MinibatchSplit;
import io.sparktune.data.TrainingData;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.network.Network;
import io.sparktune.spec.SpecJson;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * An epoch's training accuracy is what its steps saw: the share of the epoch's images that the network, as
 * it stood just before each step, classified right in training mode. Checked against a plain loop that
 * classifies each minibatch with DL4J's own forward pass and then fits it, on an identical network.
 */
class RunningAccuracyTest {
    private static final TrainingData DATA = LearnableImages.of(360, 4, 3);

    @ParameterizedTest
    @ValueSource(strings = {"dense", "family"})
    void theTrainingAccuracyIsTheShareOfEachStepsImagesItClassifiedRightBeforeLearningFromThem(String kind) {
        Dl4jRuntime.limitThreads(1);
        ModelConfig model = ModelConfig.REFERENCE.overlay(SpecJson.mapper().valueToTree(Map.of("filters", 4,
                "dense_units", 8, "batch_size", 32, "epochs", 2)), "");
        if (kind.equals("family")) {
            model = model.overlay(SpecJson.mapper().valueToTree(Map.of("padding", "same", "batch_norm", true,
                    "head", "global_avg", "weight_init", "he", "convs_per_block", 2)), "");
        }
        TrialConfig trial = TrialConfig.of(3, model, 42);
        MultiLayerNetwork counted = build(model, trial);
        MultiLayerNetwork plain = build(model, trial);
        for (int epoch = 1; epoch <= 2; epoch++) {
            double accuracy = TrialRunner.trainEpoch(Network.of(counted), DATA.train(), trial, epoch, Augmentation.of(model, trial.seed()))
                    .accuracy();

            int[] order = TrialRunner.epochOrder(trial.seed(), epoch, DATA.train().size());
            long right = 0;
            org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(TrialRunner.epochSeed(trial.seed() ^ 0x5DEECE66DL, epoch));
            MinibatchSplit split = new MinibatchSplit(order.length, 32);
            for (int b = 0; b < split.count(); b++) {
                DataSet batch = TrainingData.batch(DATA.train(), Arrays.copyOfRange(order, split.start(b), split.end(b)));
                INDArray output = plain.output(batch.getFeatures(), true);
                long[] predicted = output.argMax(1).toLongVector();
                long[] actual = batch.getLabels().argMax(1).toLongVector();
                for (int i = 0; i < actual.length; i++) {
                    right += predicted[i] == actual[i] ? 1 : 0;
                }
                plain.fit(batch);
            }
            assertEquals((double) right / order.length, accuracy, 1e-12, kind + ", epoch " + epoch);
            assertEquals(plain.params(), counted.params(), "both networks learnt the same, epoch " + epoch);
        }
        assertTrue(counted.getListeners() == null || counted.getListeners().isEmpty(),
                "the counter is gone once the epoch is over, so it is never saved with the network");
    }

    private static MultiLayerNetwork build(ModelConfig model, TrialConfig trial) {
        return (MultiLayerNetwork) BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, DATA.train(), model.get(Hyperparameters.EPOCHS),
                DATA::trainChannelStats), trial.seed()).model();
    }
}

package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.TrainingData;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import io.sparktune.model.TestTimeAugmentation;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.network.Network;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The training and scoring an airbench-class member adds, each as a trial runs it. */
class AirbenchFeaturesTest {
    private static TrainingData data;

    @BeforeAll
    static void data() {
        Dl4jRuntime.limitThreads(1);
        data = LearnableImages.of(300, 4, 5);
    }

    @Test
    void theWhiteningLayerKeepsItsWeightsWhileTheRestLearn() {
        ModelConfig model = TestModels.of(Map.of("patch_whitening", true, "normalize", "per_channel", "filters", 8,
                "dense_units", 16, "batch_size", 32, "activation", "gelu", "epochs", 1, "weight_decay", 0.05, "l2",
                0.001));
        TrialConfig trial = TrialConfig.of(1, model, 7);
        Network network = BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, data.train(), 1), 7);
        INDArray whitening = network.layers().get(0).getParam("W").dup();
        INDArray conv = network.layers().get(1).getParam("W").dup();
        assertEquals(8, whitening.size(0), "2 x 4 patch dimensions of one channel");
        TrialRunnerAccess.trainEpoch(network, data, trial, 1);
        assertEquals(whitening, network.layers().get(0).getParam("W"), "frozen");
        assertFalse(conv.equalsWithEps(network.layers().get(1).getParam("W"), 1e-6), "the next layer learnt");
    }

    @Test
    void mirrorViewsScoreTheMeanOfAnImagesAndItsMirrorsProbabilities() {
        ModelConfig model = TestModels.of(Map.of("filters", 4, "dense_units", 8));
        Network network = BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, data.train(), 1), 3);
        DataSet batch = data.validationBatches().iterator().next();
        INDArray images = batch.getFeatures();
        INDArray mirrored = TestViews.transformed(images, 0, true);
        INDArray expected = network.output(images).add(network.output(mirrored)).muli(0.5);
        INDArray views = TestViews.output(network, images, TestTimeAugmentation.MIRROR);
        assertTrue(expected.equalsWithEps(views, 1e-6), "mean of the two views");
        INDArray six = TestViews.output(network, images, TestTimeAugmentation.MIRROR_TRANSLATE);
        assertArrayEquals(new long[] {images.size(0), 4}, six.shape());
        assertTrue(six.sum(1).sub(1).amaxNumber().doubleValue() < 1e-5, "still a distribution per image");
        assertTrue(TestViews.output(network, images, TestTimeAugmentation.NONE)
                .equalsWithEps(network.output(images), 0), "none: the network's own output");
    }

    @Test
    void aShiftReflectsTheBorderAsPyTorchsReflectPaddingDoes() {
        INDArray row = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {1, 1, 1, 4});
        assertArrayEquals(new float[] {2, 1, 2, 3}, TestViews.transformed(row, 1, false).data().asFloat());
        assertArrayEquals(new float[] {2, 3, 4, 3}, TestViews.transformed(row, -1, false).data().asFloat());
        assertArrayEquals(new float[] {4, 3, 2, 1}, TestViews.transformed(row, 0, true).data().asFloat());
    }

    /**
     * One step on the whole training split: the loss it reports is the cross-entropy against the smoothed
     * targets of the network's output before the step.
     */
    @Test
    void labelSmoothingTrainsOnSoftTargets() {
        double smoothing = 0.2;
        ModelConfig model = TestModels.of(Map.of("filters", 4, "dense_units", 8, "label_smoothing", smoothing,
                "batch_size", data.train().size(), "epochs", 1));
        TrialConfig trial = TrialConfig.of(1, model, 11);
        Network network = BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, data.train(), 1), 11);
        int[] order = TrialRunner.epochOrder(trial.seed(), 1, data.train().size());
        DataSet all = TrainingData.batch(data.train(), order);
        INDArray before = network.output(all.getFeatures());
        INDArray targets = all.getLabels().mul(1 - smoothing).addi(smoothing / 4);
        double expected = -targets.mul(org.nd4j.linalg.ops.transforms.Transforms.log(before, true))
                .sumNumber().doubleValue() / data.train().size();
        double loss = TrialRunner.trainEpoch(network, data.train(), trial, 1,
                Augmentation.of(model, trial.seed())).meanLoss();
        assertEquals(expected, loss, 1e-4 * expected);
        assertTrue(model.get(Hyperparameters.LABEL_SMOOTHING) > 0);
    }

    /**
     * A retrained final network stops at the trial's best epoch on the trial's schedule: after 2 epochs of a
     * 4-epoch cosine schedule its learning rate is half the peak, as the trial's was then, not annealed to 0.
     */
    @Test
    void aRetrainedNetworkKeepsTheTrialsScheduleAndStopsAtItsBestEpoch() {
        ModelConfig model = TestModels.of(Map.of("filters", 4, "dense_units", 8, "lr_schedule", "cosine", "epochs", 4,
                "learning_rate", 0.01, "batch_size", 50));
        TrialConfig trial = TrialConfig.of(1, model, 5);
        FinalTraining.Trained kept = FinalTraining.run(BuiltInNetwork.INSTANCE, trial, 2, 4, data.train(),
                data.validation());
        FinalTraining.Trained squeezed = FinalTraining.run(BuiltInNetwork.INSTANCE, trial, 2, 2, data.train(),
                data.validation());
        int steps = 2 * new io.sparktune.data.MinibatchSplit(data.train().size(), 50).count();
        assertEquals(0.005, rate(kept.network(), steps), 0.0005, "half way through the trial's schedule");
        assertEquals(0, rate(squeezed.network(), steps), 0.0005, "a schedule of 2 epochs has ended");
    }

    private static double rate(Network network, int iteration) {
        return ((org.deeplearning4j.nn.conf.layers.BaseLayer) network.layers().get(0).conf().getLayer())
                .getIUpdater().getLearningRate(iteration, 2);
    }
}

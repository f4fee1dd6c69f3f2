package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.ChannelStats;
import io.sparktune.data.TrainingData;
import io.sparktune.model.Activation;
import io.sparktune.model.ChannelStandardize;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import io.sparktune.model.Optimizer;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.network.Network;
import io.sparktune.spec.SpecJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Real DL4J training on small images. */
class TrialRunnerTest {
    private static TrainingData data;

    @BeforeAll
    static void data() {
        Dl4jRuntime.limitThreads(1);
        data = LearnableImages.of(400, 4, 3);
    }

    private static ModelConfig model(Map<String, Object> changes) {
        return TestModels.of(changes);
    }

    @Test
    void recordsOneCurvePointPerEpochAndLearns() {
        TrialResult r = new TrialRunner().run(TrialConfig.of(1, model(Map.of("epochs", 3, "filters", 8,
                "dense_units", 32, "batch_size", 32)), 42), data);
        assertEquals(TrialStatus.OK, r.status(), r.error());
        assertNull(r.error());
        assertEquals(3, r.epochs().size());
        assertEquals(java.util.List.of(1, 2, 3), r.epochs().stream().map(EpochResult::epoch).toList());
        EpochResult first = r.epochs().get(0);
        EpochResult last = r.epochs().get(2);
        assertTrue(last.trainLoss() < first.trainLoss(), "training loss falls: " + r.epochs());
        assertTrue(r.bestValAccuracy() > 0.9, "4 bands are easy to tell apart: " + r.epochs());
        assertTrue(last.valF1() > 0.9 && last.valPrecision() > 0.9 && last.valRecall() > 0.9, last.toString());
        assertTrue(r.trainSeconds() > 0 && last.seconds() > 0);
    }

    @Test
    void anEpochObserverSeesEveryEpochsResultInOrder() {
        List<EpochResult> seen = new ArrayList<>();
        TrialResult r = new TrialRunner(BuiltInNetwork.INSTANCE, seen::add).run(TrialConfig.of(7, model(Map.of("epochs", 3, "filters", 4,
                "dense_units", 8)), 42), data);
        assertEquals(r.epochs(), seen, "every epoch, in order, with the numbers the trial reports");
    }

    @Test
    void theSameTrialGivesTheSameNumbers() {
        TrialConfig trial = TrialConfig.of(2, model(Map.of("epochs", 2, "filters", 8, "dense_units", 16,
                "activation", Activation.TANH)), 42);
        TrialResult a = new TrialRunner().run(trial, data);
        TrialResult b = new TrialRunner().run(trial, data);
        for (int e = 0; e < 2; e++) {
            assertEquals(a.epochs().get(e).trainLoss(), b.epochs().get(e).trainLoss());
            assertEquals(a.epochs().get(e).valLoss(), b.epochs().get(e).valLoss());
            assertEquals(a.epochs().get(e).valAccuracy(), b.epochs().get(e).valAccuracy());
        }
    }

    @Test
    void earlyStoppingEndsATrialWhoseValidationLossStopsImproving() {
        // Random labels: nothing to learn, so the validation loss rises as the network memorises.
        TrainingData noise = LearnableImages.withRandomLabels(400, 4, 9);
        TrialResult r = new TrialRunner().run(TrialConfig.of(5, model(Map.of("epochs", 30, "filters", 16,
                "dense_units", 64, "batch_size", 16, "learning_rate", 0.003, "early_stopping_patience", 2)), 42),
                noise);
        assertEquals(TrialStatus.OK, r.status(), r.error());
        assertTrue(r.stoppedEarly() && r.epochs().size() < 30, r.epochs().size() + " epochs");
        int lowest = r.epochs().stream().min(java.util.Comparator.comparingDouble(EpochResult::valLoss))
                .orElseThrow().epoch();
        assertEquals(lowest + 2, r.epochs().size(), "stops 2 epochs after the lowest validation loss");
    }

    @Test
    void theFinalNetworksValidationMetricsComeWithClassMetricsAndAConfusionMatrix() {
        TrialResult r = new TrialRunner().run(TrialConfig.of(6, model(Map.of("epochs", 1, "filters", 8,
                "dense_units", 16)), 42), data);
        Metrics m = r.validation();
        assertEquals(4, m.classes().size());
        assertEquals(data.validation().size(), m.confusion().stream().flatMap(List::stream)
                .mapToInt(Integer::intValue).sum());
        assertEquals(data.validation().size(), m.classes().stream().mapToInt(ClassMetric::support).sum());
        assertEquals(r.lastEpoch().orElseThrow().valAccuracy(), m.accuracy());
        assertTrue(r.lastEpoch().orElseThrow().trainAccuracy() > 0);
    }

    /**
     * Successive halving's promise: 1 epoch, a checkpoint, then 2 more give the curve of 3 epochs in one
     * go, with dropout too (its random draws are seeded per epoch, not taken from the thread's history).
     * A rung's task retried after the driver stored its network (the driver died before the journal entry)
     * must start again from the previous rung's network, not the one it had already advanced.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"plain", "dropout", "family", "airbench"})
    void continuingFromACheckpointGivesWhatUninterruptedTrainingGives(String kind,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Map<String, Object> settings = switch (kind) {
            case "plain" -> Map.of("filters", 8, "dense_units", 16, "batch_size", 32);
            case "dropout" -> Map.of("filters", 8, "dense_units", 16, "batch_size", 32, "dropout", 0.3);
            // The frozen whitening layer, Nesterov's momentum, alternating flips (drawn from the epoch, not the
            // generator), random-resized crops, lookahead, label smoothing and test-time views must all carry across.
            case "airbench" -> Map.ofEntries(Map.entry("block_widths", "8,16"), Map.entry("conv_layers", 2),
                    Map.entry("convs_per_block", 2), Map.entry("padding", "same"),
                    Map.entry("block_order", "conv_pool_bn_act"), Map.entry("patch_whitening", true),
                    Map.entry("batch_norm", true), Map.entry("batch_norm_momentum", 0.4),
                    Map.entry("activation", "gelu"), Map.entry("head", "global_max"),
                    Map.entry("optimizer", "nesterovs"), Map.entry("momentum", 0.85),
                    Map.entry("learning_rate", 0.05), Map.entry("batch_size", 32), Map.entry("lr_schedule", "cosine"),
                    Map.entry("weight_decay", 0.0005), Map.entry("normalize", "per_channel"),
                    Map.entry("augment_flip", true), Map.entry("alternate_flip", true), Map.entry("augment_crop", 2),
                    Map.entry("augment_scale", 0.5), Map.entry("lookahead_steps", 5), Map.entry("lookahead_alpha", 0.8),
                    Map.entry("label_smoothing", 0.2), Map.entry("tta", "mirror_translate"));
            // Batch norm's running statistics, the cosine schedule's step count, the decay and the channel
            // statistics must all come back from the checkpoint.
            default -> Map.of("filters", 8, "batch_size", 32, "padding", "same", "convs_per_block", 2,
                    "batch_norm", true, "head", "global_avg", "lr_schedule", "cosine", "warmup_epochs", 1,
                    "weight_decay", 0.05, "normalize", "per_channel");
        };
        ModelConfig three = model(settings).with(Hyperparameters.EPOCHS, 3);
        ModelConfig one = model(settings).with(Hyperparameters.EPOCHS, 1);
        TrialResult unbroken = new TrialRunner().run(new TrialConfig(7, three, 99), data);

        String rung0Path = dir.resolve("checkpoints/trial-7-rung-0.zip").toString();
        String rung1Path = dir.resolve("checkpoints/trial-7-rung-1.zip").toString();
        TrialOutcome rung0 = new TrialRunner().train(new TrialConfig(7, one, 99, 0,
                new Checkpoint(null, rung0Path, List.of(), 3)), data, null);
        assertTrue(rung0.network() != null, "the rung hands its network back");
        // Stored and read back as the driver does between rungs.
        rung0.network().saveTo(rung0Path);
        TrialConfig continued = new TrialConfig(7, three, 99, 1,
                new Checkpoint(rung0Path, rung1Path, rung0.result().epochs(), 3));
        TrialOutcome rung1 = new TrialRunner().train(continued, data, NetworkState.load(rung0Path));
        rung1.network().saveTo(rung1Path);
        TrialResult firstAttempt = rung1.result();
        TrialResult retried = new TrialRunner().train(continued, data, NetworkState.load(rung0Path)).result();

        for (TrialResult attempt : List.of(firstAttempt, retried)) {
            assertEquals(3, attempt.epochs().size());
            for (int e = 0; e < 3; e++) {
                EpochResult a = unbroken.epochs().get(e);
                EpochResult b = attempt.epochs().get(e);
                assertEquals(a.trainLoss(), b.trainLoss(), 1e-6, "train loss, epoch " + (e + 1));
                assertEquals(a.valLoss(), b.valLoss(), 1e-6, "validation loss, epoch " + (e + 1));
                assertEquals(a.valAccuracy(), b.valAccuracy(), "validation accuracy, epoch " + (e + 1));
                assertEquals(a.trainAccuracy(), b.trainAccuracy(), "training accuracy, epoch " + (e + 1));
            }
        }
        if (kind.equals("family")) {
            MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(rung1Path);
            ChannelStandardize first = (ChannelStandardize) saved.getLayerWiseConfigurations().getInputPreProcess(0);
            assertArrayEquals(ChannelStats.of(data.train()).mean(), first.mean(),
                    "normalised with the training split's statistics");
            assertTrue(ChannelStats.of(data.validation()).mean()[0] != first.mean()[0], "not the validation split's");
        }
    }

    /** Sigmoid units at a learning rate of 1 saturate at once: the trial ends at chance, not after 8 epochs. */
    @Test
    void aTrialStuckAtChanceEndsAfterStuckEpochsWithItsCurve() {
        TrialResult r = new TrialRunner().run(TrialConfig.of(5, model(Map.of("epochs", 8, "learning_rate", 1.0,
                "activation", "sigmoid", "filters", 4, "dense_units", 8)), 42), data);
        assertEquals(TrialStatus.STUCK, r.status(), r.epochs().toString());
        assertEquals(2, r.epochs().size(), "ended after the 2 epochs at chance (stuck_epochs' default)");
        assertTrue(r.error().startsWith("val_acc within 1 point of chance (0.250) for 2 epochs"),
                r.error());
        assertEquals("underfitting", r.fit().fit());

        TrialResult off = new TrialRunner().run(TrialConfig.of(5, model(Map.of("epochs", 3, "learning_rate", 1.0,
                "activation", "sigmoid", "filters", 4, "dense_units", 8, "stuck_epochs", 0)), 42), data);
        assertEquals(TrialStatus.OK, off.status(), "stuck_epochs 0 lets it run its epochs");
        assertEquals(3, off.epochs().size());
    }

    @Test
    void anExplodingLossEndsTheTrialAsDiverged() {
        TrialResult r = new TrialRunner().run(TrialConfig.of(3, model(Map.of("epochs", 3,
                "learning_rate", 1e30, "optimizer", Optimizer.SGD, "filters", 4, "dense_units", 8)), 42), data);
        assertEquals(TrialStatus.DIVERGED, r.status(), r.epochs().toString());
        assertTrue(r.error().startsWith("training loss became"), r.error());
        assertTrue(r.epochs().size() < 3, "training stops at the epoch that diverged");
        assertTrue(Double.isNaN(r.lastEpoch().orElseThrow().valAccuracy()));
    }

    /**
     * A rung's network that cannot be read (a checkpoint cut short on its way) is no fault of the trial:
     * the task fails, for Spark to run again, rather than the trial ending as failed for good.
     */
    @Test
    void aRungsNetworkThatCannotBeReadFailsTheTaskNotTheTrial(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path cut = java.nio.file.Files.write(dir.resolve("trial-5-rung-0.zip"),
                new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});
        EpochResult first = new EpochResult(1, 2.0, 0.2, 2.0, 0.2, 0.2, 0.2, 0.2, 1);
        TrialConfig continued = new TrialConfig(5, model(Map.of("epochs", 2)), 99, 1,
                new Checkpoint(cut.toString(), dir.resolve("trial-5-rung-1.zip").toString(), List.of(first), 2));
        assertThrows(java.io.UncheckedIOException.class,
                () -> new TrialRunner().train(continued, data, NetworkState.load(cut.toString())));
    }

    @Test
    void anExceptionEndsTheTrialAsFailedWithTheReason() {
        // 16x16 images cannot take three 5x5 conv blocks: the network cannot be built.
        TrialResult r = new TrialRunner().run(TrialConfig.of(4, model(Map.of("conv_layers", 3, "kernel_size", 5)),
                42), data);
        assertEquals(TrialStatus.FAILED, r.status());
        assertTrue(r.error().contains("too small for 3 conv blocks with kernel_size 5"), r.error());
        assertTrue(r.epochs().isEmpty());
    }

    @Test
    void validationScoresAreDl4jsEvaluationAndTheMeanCrossEntropyOfTheValidationImages() {
        ModelConfig model = model(Map.of("epochs", 1, "filters", 4, "dense_units", 8, "batch_size", 32));
        TrialConfig trial = TrialConfig.of(6, model, 42);
        Network network = BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, data.train(), 1), trial.seed());
        TrialRunner.TrainedEpoch trained = TrialRunner.trainEpoch(network, data.train(), trial, 1,
                Augmentation.of(model, trial.seed()));
        EpochResult scored = TrialRunner.validate(network, data, 1, trained, new Evaluation(data.classNames(), 1),
                System.nanoTime(), io.sparktune.model.TestTimeAugmentation.NONE);
        assertTrue(scored.valAccuracy() > 0.3 && scored.valAccuracy() < 1, "some right, some wrong: " + scored);

        Evaluation dl4j = new Evaluation(data.classNames(), 1);
        int[] all = java.util.stream.IntStream.range(0, data.validation().size()).toArray();
        DataSet validation = TrainingData.batch(data.validation(), all);
        INDArray probabilities = network.output(validation.getFeatures());
        dl4j.eval(validation.getLabels(), probabilities);
        Metrics expected = Metrics.of(dl4j, data.classNames());
        assertEquals(expected.accuracy(), scored.valAccuracy(), 1e-12);
        assertEquals(expected.precision(), scored.valPrecision(), 1e-12);
        assertEquals(expected.recall(), scored.valRecall(), 1e-12);
        assertEquals(expected.f1(), scored.valF1(), 1e-12);
        double crossEntropy = -Transforms.log(probabilities.mul(validation.getLabels()).sum(1), false)
                .meanNumber().doubleValue();
        assertEquals(crossEntropy, scored.valLoss(), 1e-6, "mean -log p(true class) over the validation images");
        assertEquals(trained.accuracy(), scored.trainAccuracy());
    }
}

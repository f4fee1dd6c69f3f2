package io.sparktune.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.ImageShape;
import io.sparktune.data.TrainingData;
import io.sparktune.input.SpecException;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkCost;
import io.sparktune.model.NetworkInput;
import io.sparktune.model.NetworkMemory;
import io.sparktune.model.PatchWhitening;
import io.sparktune.spec.SpecJson;
import io.sparktune.trial.Checkpoint;
import io.sparktune.trial.Dl4jRuntime;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.LearnableImages;
import io.sparktune.trial.NetworkState;
import io.sparktune.trial.TestModels;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialOutcome;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialRunner;
import io.sparktune.trial.TrialRunnerAccess;
import io.sparktune.trial.TrialStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/** Networks from outside the built-in family, trained for real on small learnable images (16x16 grey). */
class NetworkSourceTest {
    private static final ImageShape SHAPE = new ImageShape(1, 16, 16);
    private static TrainingData data;

    @BeforeAll
    static void data() {
        Dl4jRuntime.limitThreads(1);
        data = LearnableImages.of(400, 4, 3);
    }

    private static ModelConfig model(Map<String, Object> changes) {
        return TestModels.of(changes);
    }

    private static ConfigurationNetwork residualJson() {
        return new ConfigurationNetwork("dl4j_json residual.json",
                ResidualGraph.configuration(1, 16, 16, 4, 8, 1).toJson());
    }

    @Test
    void aGraphFromJsonLearnsAndCountsItsTrainingAccuracy() {
        TrialResult r = new TrialRunner(residualJson()).run(TrialConfig.of(1, model(Map.of("epochs", 3,
                "batch_size", 32, "learning_rate", 0.01)), 42), data);
        assertEquals(TrialStatus.OK, r.status(), r.error());
        assertTrue(r.bestValAccuracy() > 0.9, "4 bands are easy to tell apart: " + r.epochs());
        EpochResult last = r.epochs().get(2);
        assertTrue(last.trainAccuracy() > 0.5 && last.trainAccuracy() <= 1, "counted from the graph's own steps: "
                + r.epochs());
    }

    @Test
    void theTrialsOptimizerAndRegularisationReplaceTheConfigurations() {
        ModelConfig model = model(Map.of("optimizer", "adam", "learning_rate", 0.003, "weight_decay", 0.05));
        Network network = residualJson().build(model, new NetworkInput(SHAPE, 4, 10, 5, null), 7);
        ComputationGraph graph = (ComputationGraph) network.model();
        for (String name : List.of("stem", "a", "b", "out")) {
            BaseLayer layer = (BaseLayer) ((LayerVertex) graph.getConfiguration().getVertices().get(name))
                    .getLayerConf().getLayer();
            assertInstanceOf(Adam.class, layer.getIUpdater(), name);
            assertEquals(0.003, ((Adam) layer.getIUpdater()).getLearningRate(), 1e-12, name);
            assertEquals(1, layer.getRegularization().size(), name + ": the configuration's l2 is gone");
            assertInstanceOf(WeightDecay.class, layer.getRegularization().get(0), name);
            assertTrue(layer.getRegularizationBias().isEmpty(), name);
        }
        assertEquals(0.8, ((org.deeplearning4j.nn.conf.dropout.Dropout) ((LayerVertex) graph.getConfiguration()
                .getVertices().get("out")).getLayerConf().getLayer().getIDropout()).getP(), 1e-12,
                "dropout is the network's own, kept (DL4J's p is the share kept)");
    }

    /**
     * Successive halving's promise for a graph with batch norm and dropout, standardised input and a cosine
     * schedule: 1 epoch, a checkpoint, then 2 more give the curve of 3 in one go, and the saved network is a
     * ComputationGraph DL4J reads back.
     */
    @Test
    void aGraphContinuedFromACheckpointTrainsAsAnUnbrokenOne(@TempDir Path dir) throws Exception {
        Map<String, Object> settings = Map.of("batch_size", 32, "learning_rate", 0.01, "lr_schedule", "cosine",
                "warmup_epochs", 1, "weight_decay", 0.05, "normalize", "per_channel");
        ModelConfig three = model(settings).with(Hyperparameters.EPOCHS, 3);
        ModelConfig one = model(settings).with(Hyperparameters.EPOCHS, 1);
        TrialRunner runner = new TrialRunner(residualJson());
        TrialResult unbroken = runner.run(new TrialConfig(7, three, 99), data);
        String rung0Path = dir.resolve("rung-0.zip").toString();
        TrialOutcome rung0 = runner.train(new TrialConfig(7, one, 99, 0, new Checkpoint(null, rung0Path, List.of(), 3)),
                data, null);
        rung0.network().saveTo(rung0Path);
        TrialConfig continued = new TrialConfig(7, three, 99, 1,
                new Checkpoint(rung0Path, dir.resolve("rung-1.zip").toString(), rung0.result().epochs(), 3));
        TrialResult resumed = runner.train(continued, data, NetworkState.load(rung0Path)).result();
        assertEquals(3, resumed.epochs().size());
        for (int e = 0; e < 3; e++) {
            EpochResult a = unbroken.epochs().get(e);
            EpochResult b = resumed.epochs().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), 1e-6, "train loss, epoch " + (e + 1));
            assertEquals(a.valLoss(), b.valLoss(), 1e-6, "validation loss, epoch " + (e + 1));
            assertEquals(a.trainAccuracy(), b.trainAccuracy(), "training accuracy, epoch " + (e + 1));
        }
        ComputationGraph saved = ModelSerializer.restoreComputationGraph(rung0Path);
        assertEquals(ResidualGraph.configuration(1, 16, 16, 4, 8, 1).getVertices().keySet(),
                saved.getConfiguration().getVertices().keySet());
    }

    @Test
    void aBuilderFromTheClasspathBuildsEachTrialsNetwork() {
        BuilderNetwork builder = new BuilderNetwork(ResidualGraph.class.getName());
        TrialResult r = new TrialRunner(builder).run(TrialConfig.of(2, model(Map.of("epochs", 2, "batch_size", 32,
                "learning_rate", 0.01)), 42), data);
        assertEquals(TrialStatus.OK, r.status(), r.error());
        assertTrue(r.bestValAccuracy() > 0.8, r.epochs().toString());
    }

    /**
     * A network trained on 4 classes, saved by ModelSerializer, fine-tuned on 3: its output layer is replaced,
     * its first freeze_layers layers keep their weights and the rest learn.
     */
    @Test
    void aSavedNetworkIsFineTunedWithItsFirstLayersFrozen() throws Exception {
        ModelConfig trained = model(Map.of("filters", 4, "dense_units", 16, "batch_size", 32, "learning_rate", 0.01));
        Network original = BuiltInNetwork.INSTANCE.build(trained, NetworkInput.of(trained, data.train(), 1), 3);
        for (int epoch = 1; epoch <= 2; epoch++) {
            TrialRunnerAccess.trainEpoch(original, data, TrialConfig.of(1, trained, 3), epoch);
        }
        java.io.ByteArrayOutputStream saved = new java.io.ByteArrayOutputStream();
        ModelSerializer.writeModel(original.model(), saved, true);
        PretrainedNetwork pretrained = new PretrainedNetwork("dl4j_model trained.zip", saved.toByteArray());

        TrainingData three = LearnableImages.of(300, 3, 5);
        ModelConfig tuning = model(Map.of("epochs", 2, "batch_size", 32, "learning_rate", 0.01, "freeze_layers", 2));
        Network tuned = pretrained.build(tuning, NetworkInput.of(tuning, three.train(), 2), 9);
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork stack =
                (org.deeplearning4j.nn.multilayer.MultiLayerNetwork) tuned.model();
        assertEquals(3, stack.getOutputLayer().getParam("W").size(1), "the output layer now has 3 units");
        org.nd4j.linalg.api.ndarray.INDArray firstBefore = stack.getLayer(0).params().dup();
        org.nd4j.linalg.api.ndarray.INDArray denseBefore = stack.getLayer(2).params().dup();
        assertEquals(original.layers().get(0).params(), firstBefore, "the trained weights are where it starts");
        for (int epoch = 1; epoch <= 2; epoch++) {
            TrialRunnerAccess.trainEpoch(tuned, three, TrialConfig.of(2, tuning, 9), epoch);
        }
        assertEquals(firstBefore, stack.getLayer(0).params(), "frozen: the convolution");
        assertTrue(!denseBefore.equals(stack.getLayer(2).params()), "trained: the dense layer after the frozen two");

        TrialResult r = new TrialRunner(pretrained).run(TrialConfig.of(3, tuning, 42), three);
        assertEquals(TrialStatus.OK, r.status(), r.error());
        assertTrue(r.bestValAccuracy() > 0.6, r.epochs().toString());
        TrialResult all = new TrialRunner(pretrained).run(TrialConfig.of(4, tuning.with(Hyperparameters.FREEZE_LAYERS,
                4), 42), three);
        assertEquals(TrialStatus.FAILED, all.status());
        assertTrue(all.error().contains("freeze_layers 4 would freeze all 4 layers"), all.error());
    }

    /**
     * Keras 3 models with their weights (src/test/resources/keras, written by make_fixtures.py with Keras 3.15.1):
     * imported, they give Keras's own class probabilities for the same two images, a Sequential CNN and a
     * functional model with a residual connection and batch norm alike.
     */
    @Test
    void aKerasModelWithWeightsGivesKerasOwnOutputs() throws Exception {
        com.fasterxml.jackson.databind.JsonNode expected = SpecJson.mapper().readTree(
                java.nio.file.Files.readString(Path.of("src/test/resources/keras/outputs.json")));
        org.nd4j.linalg.api.ndarray.INDArray images = org.nd4j.linalg.factory.Nd4j.create(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 32, 32);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        images.putScalar(new int[] {n, c, y, x}, ((n * 5 + y * 7 + x * 3 + c * 11) % 17) / 16.0);
                    }
                }
            }
        }
        for (String model : List.of("sequential", "functional")) {
            Path file = Path.of("src/test/resources/keras/" + model + ".keras");
            PretrainedNetwork imported = KerasNetwork.withWeights(file.toString(),
                    java.nio.file.Files.readAllBytes(file));
            org.nd4j.linalg.api.ndarray.INDArray output = imported.restore().output(images);
            for (int n = 0; n < 2; n++) {
                for (int k = 0; k < 10; k++) {
                    assertEquals(expected.get(model).get(n).get(k).asDouble(), output.getDouble(n, k), 1e-4,
                            model + ", image " + n + ", class " + k);
                }
            }
        }
    }

    /** Read channels first, a layer's channel axis moves to 1, and a channels-last shape is refused. */
    @Test
    void kerasLayersNamingTheChannelsAxisAreReadChannelsFirst() throws Exception {
        String layer = "{\"module\": \"keras.layers\", \"class_name\": \"%s\", \"config\": {\"name\": \"x\", %s}}";
        String concatenate = KerasLayout.asKeras2("{\"class_name\": \"Functional\", \"config\": {\"layers\": ["
                + layer.formatted("Concatenate", "\"axis\": -1") + "]}}");
        assertEquals(1, SpecJson.mapper().readTree(concatenate).at("/config/layers/0/config/axis").asInt());
        IllegalArgumentException reshape = assertThrows(IllegalArgumentException.class,
                () -> KerasLayout.asKeras2("{\"class_name\": \"Functional\", \"config\": {\"layers\": ["
                        + layer.formatted("Reshape", "\"target_shape\": [8, 8, 3]") + "]}}"));
        assertTrue(reshape.getMessage().contains("its Reshape layer x names a channels-last shape"),
                reshape.getMessage());
    }

    @Test
    void aZooArchitectureTrainsOnTheDatasShape() {
        TrialResult r = new TrialRunner(ZooNetwork.named("LeNet")).run(TrialConfig.of(3, model(Map.of("epochs", 2,
                "batch_size", 32, "learning_rate", 0.003)), 42), data);
        assertEquals(TrialStatus.OK, r.status(), r.error());
        assertTrue(r.bestValAccuracy() > 0.8, r.epochs().toString());
    }

    @Test
    void countedFromItsLayersTheFamilysCostIsWhatItsOwnCountSays() {
        ModelConfig strong = model(Map.of("filters", 16, "conv_layers", 3, "convs_per_block", 2, "padding", "same",
                "batch_norm", true, "head", "global_avg"));
        // Airbench's layout: a whitening layer, listed widths, each block pooling after its first convolution.
        ModelConfig airbench = model(Map.of("block_widths", List.of(64, 256, 256), "conv_layers", 3,
                "convs_per_block", 2, "padding", "same", "block_order", "conv_pool_bn_act", "patch_whitening", true,
                "batch_norm", true, "head", "global_max"));
        ImageShape cifar = new ImageShape(3, 32, 32);
        PatchWhitening whitening = new PatchWhitening(org.nd4j.linalg.factory.Nd4j.zeros(24, 3, 2, 2));
        for (ModelConfig member : List.of(ModelConfig.REFERENCE, strong, airbench)) {
            LayerCount counted = LayerCount.of(BuiltInNetwork.INSTANCE.build(member,
                    new NetworkInput(cifar, 10, 1, 1, null, whitening), 1).configuration(), cifar);
            double family = NetworkCost.trainingFlops(member, cifar, 10);
            assertEquals(1, counted.trainingFlops() / family, 0.1, member + ": " + counted + " vs " + family);
            assertEquals(NetworkMemory.parameters(member, cifar, 10), counted.parameters(), member.toString());
        }
    }

    @Test
    void aNetworkThatDoesNotFitTheDataIsRefusedNamingWhy() {
        ModelConfig baseline = ModelConfig.REFERENCE;
        SpecException classes = assertThrows(SpecException.class,
                () -> NetworkCheck.check(residualJson(), baseline, SHAPE, 10));
        assertTrue(classes.getMessage().contains("the data has 10 classes: its output layer needs 10 units"),
                classes.getMessage());
        SpecException tooSmall = assertThrows(SpecException.class,
                () -> NetworkCheck.check(ZooNetwork.named("alexnet"), baseline, new ImageShape(3, 8, 8), 4));
        assertTrue(tooSmall.getMessage().contains("'model.network': zoo alexnet cannot be built"),
                tooSmall.getMessage());
        assertTrue(tooSmall.getMessage().contains("its smallest input is "), tooSmall.getMessage());
        for (Map.Entry<String, String> builder : Map.of(
                "com.example.Missing", "no class com.example.Missing on the classpath",
                String.class.getName(), "java.lang.String does not implement io.sparktune.api.NetworkBuilder",
                ThrowingBuilder.class.getName(), "threw java.lang.IllegalStateException: depth 7 is not supported",
                NullBuilder.class.getName(), "returned null, not a network").entrySet()) {
            SpecException e = assertThrows(SpecException.class,
                    () -> NetworkCheck.check(new BuilderNetwork(builder.getKey()), baseline, SHAPE, 4));
            assertTrue(e.getMessage().contains(builder.getValue()), e.getMessage());
        }
    }

    public static final class ThrowingBuilder implements io.sparktune.api.NetworkBuilder {
        @Override
        public org.deeplearning4j.nn.api.NeuralNetwork build(io.sparktune.api.NetworkRequest request) {
            throw new IllegalStateException("depth 7 is not supported");
        }
    }

    public static final class NullBuilder implements io.sparktune.api.NetworkBuilder {
        @Override
        public org.deeplearning4j.nn.api.NeuralNetwork build(io.sparktune.api.NetworkRequest request) {
            return null;
        }
    }
}

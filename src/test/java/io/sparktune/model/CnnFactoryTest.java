package io.sparktune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.ChannelStats;
import io.sparktune.data.ImageShape;
import io.sparktune.input.SpecException;
import io.sparktune.trial.Dl4jRuntime;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitReluUniform;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/** Each field of the family changes the DL4J network as its description says; read from the built config. */
class CnnFactoryTest {
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);
    private static final NetworkInput INPUT = new NetworkInput(CIFAR, 10, 100, 10, null);

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.limitThreads(1);
    }

    private static List<Layer> layers(MultiLayerNetwork network) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        return conf.getConfs().stream().map(c -> c.getLayer()).toList();
    }

    private static List<Class<?>> types(ModelConfig config) {
        return layers(CnnFactory.build(config, INPUT, 1)).stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void theDefaultsBuildTheReferenceCnn() {
        MultiLayerNetwork network = CnnFactory.build(ModelConfig.REFERENCE, INPUT, 1);
        assertEquals(List.of(ConvolutionLayer.class, SubsamplingLayer.class, DenseLayer.class, OutputLayer.class),
                types(ModelConfig.REFERENCE));
        ConvolutionLayer conv = (ConvolutionLayer) layers(network).get(0);
        assertEquals(ConvolutionMode.Truncate, conv.getConvolutionMode());
        assertTrue(conv.hasBias());
        assertInstanceOf(WeightInitXavierUniform.class, conv.getWeightInitFn());
        Adam adam = (Adam) conv.getIUpdater();
        assertEquals(0.001, adam.getLearningRate(), 0);
        assertNull(adam.getLearningRateSchedule(), "a constant rate stays a number");
        assertTrue(conv.getRegularization().isEmpty());
        assertNull(network.getLayerWiseConfigurations().getInputPreProcess(0));
        // 30x30x32 after the valid 3x3 conv, 15x15x32 after pooling.
        assertEquals(15L * 15 * 32, ((DenseLayer) layers(network).get(2)).getNIn());
    }

    @Test
    void samePaddingKeepsTheMapAndVggBlocksStackConvolutions() {
        ModelConfig vgg = ModelConfig.REFERENCE.with(Hyperparameters.PADDING, Padding.SAME)
                .with(Hyperparameters.CONVS_PER_BLOCK, 3).with(Hyperparameters.CONV_LAYERS, 2);
        List<Layer> layers = layers(CnnFactory.build(vgg, INPUT, 1));
        assertEquals(List.of(ConvolutionLayer.class, ConvolutionLayer.class, ConvolutionLayer.class,
                SubsamplingLayer.class, ConvolutionLayer.class, ConvolutionLayer.class, ConvolutionLayer.class,
                SubsamplingLayer.class, DenseLayer.class, OutputLayer.class), types(vgg));
        assertEquals(ConvolutionMode.Same, ((ConvolutionLayer) layers.get(0)).getConvolutionMode());
        assertEquals(64, ((ConvolutionLayer) layers.get(4)).getNOut(), "block 2 doubles the filters");
        // Same padding: 32 -> pool 16 -> pool 8, with 64 channels.
        assertEquals(8L * 8 * 64, ((DenseLayer) layers.get(8)).getNIn());
        assertEquals(8, CnnFactory.featureSide(vgg, 32));
    }

    @Test
    void batchNormGoesBetweenEachConvolutionAndItsActivation() {
        ModelConfig norm = ModelConfig.REFERENCE.with(Hyperparameters.BATCH_NORM, true);
        assertEquals(List.of(ConvolutionLayer.class, BatchNormalization.class, ActivationLayer.class,
                SubsamplingLayer.class, DenseLayer.class, BatchNormalization.class, ActivationLayer.class,
                OutputLayer.class), types(norm));
        List<Layer> layers = layers(CnnFactory.build(norm, INPUT, 1));
        assertTrue(!((ConvolutionLayer) layers.get(0)).hasBias(), "the norm's shift replaces the bias");
        assertEquals("identity", ((BaseLayer) layers.get(0)).getActivationFn().toString());
        assertEquals("relu", ((ActivationLayer) layers.get(2)).getActivationFn().toString());
    }

    @Test
    void aGlobalAverageHeadHasNoDenseLayer() {
        ModelConfig gap = ModelConfig.REFERENCE.with(Hyperparameters.HEAD, Head.GLOBAL_AVG);
        assertEquals(List.of(ConvolutionLayer.class, SubsamplingLayer.class, GlobalPoolingLayer.class,
                OutputLayer.class), types(gap));
        assertEquals(32, ((OutputLayer) layers(CnnFactory.build(gap, INPUT, 1)).get(3)).getNIn());
    }

    @Test
    void heInitialisationAndDecoupledWeightDecay() {
        ModelConfig config = ModelConfig.REFERENCE.with(Hyperparameters.WEIGHT_INIT, WeightInitScheme.HE)
                .with(Hyperparameters.WEIGHT_DECAY, 0.01);
        ConvolutionLayer conv = (ConvolutionLayer) layers(CnnFactory.build(config, INPUT, 1)).get(0);
        assertInstanceOf(WeightInitReluUniform.class, conv.getWeightInitFn());
        WeightDecay decay = (WeightDecay) conv.getRegularization().get(0);
        assertEquals(0.01, decay.getCoeff().valueAt(0, 0), 0);
        assertTrue(decay.isApplyLR(), "scaled by the learning rate, as AdamW");
    }

    @Test
    void aScheduleSpansTheEpochsItIsGiven() {
        ModelConfig cosine = ModelConfig.REFERENCE.with(Hyperparameters.LR_SCHEDULE, LrSchedule.COSINE)
                .with(Hyperparameters.WARMUP_EPOCHS, 1);
        ConvolutionLayer conv = (ConvolutionLayer) layers(CnnFactory.build(cosine, INPUT, 1)).get(0);
        assertEquals(new LearningRateSchedule(LrSchedule.COSINE, 0.001, 100, 1, 10),
                ((Adam) conv.getIUpdater()).getLearningRateSchedule());
    }

    @Test
    void perChannelNormalisationIsTheNetworksFirstStepAndSurvivesItsJson() {
        ChannelStats stats = new ChannelStats(new float[] {0.5f, 0.4f, 0.3f}, new float[] {0.25f, 0.2f, 0.1f});
        ModelConfig normalized = ModelConfig.REFERENCE.with(Hyperparameters.NORMALIZE, Normalization.PER_CHANNEL);
        MultiLayerNetwork network = CnnFactory.build(normalized, new NetworkInput(CIFAR, 10, 100, 10, stats), 1);
        ChannelStandardize standardize = (ChannelStandardize) network.getLayerWiseConfigurations()
                .getInputPreProcess(0);
        assertArrayEquals(stats.mean(), standardize.mean());
        INDArray grey = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3, 2, 2).muli(0.5);
        INDArray out = standardize.preProcess(grey, 1,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertEquals((0.5 - 0.3) / 0.1, out.getDouble(0, 2, 1, 1), 1e-5, "channel 3: (x - mean) / std");
        assertEquals(0.0, out.getDouble(0, 0, 0, 0), 1e-6);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(network.getLayerWiseConfigurations().toJson());
        assertEquals(standardize, back.getInputPreProcess(0), "saved with the network, so a checkpoint keeps it");
    }

    @Test
    void aFeatureMapThatVanishesNamesTheBlock() {
        ModelConfig deep = ModelConfig.REFERENCE.with(Hyperparameters.CONV_LAYERS, 3)
                .with(Hyperparameters.CONVS_PER_BLOCK, 3).with(Hyperparameters.KERNEL_SIZE, 5);
        SpecException e = assertThrows(SpecException.class, () -> CnnFactory.featureSide(deep, 32));
        assertTrue(e.getMessage().contains("block 2 leaves 0 pixels"), e.getMessage());
        assertEquals(1, CnnFactory.featureSide(deep.with(Hyperparameters.PADDING, Padding.SAME), 8),
                "same padding keeps it: 8 -> 4 -> 2 -> 1");
    }
}

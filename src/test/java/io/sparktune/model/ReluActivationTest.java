package io.sparktune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.sparktune.data.TrainingData;
import io.sparktune.trial.Dl4jRuntime;
import io.sparktune.trial.LearnableImages;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * sparktune's ReLU passes back exactly the gradient DL4J's does, zeros and negative zeros included, for
 * whole arrays and for views into a larger one, and it is what a network built for "relu" uses and keeps
 * when read back.
 */
class ReluActivationTest {
    @Test
    void theGradientIsDl4jsBitForBit() {
        Dl4jRuntime.limitThreads(1);
        INDArray in = Nd4j.randn(DataType.FLOAT, 16, 5, 9, 11);
        in.putScalar(0, 0f);
        in.putScalar(1, -0f);
        in.putScalar(2, Float.MIN_VALUE);
        in.putScalar(3, -Float.MIN_VALUE);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 16, 5, 9, 11);
        assertSameGradient(in, epsilon);
        // Rows 3 to 9 of a larger array: a view that starts inside its buffer.
        INDArray whole = Nd4j.randn(DataType.FLOAT, 12, 40);
        INDArray wholeEpsilon = Nd4j.randn(DataType.FLOAT, 12, 40);
        assertSameGradient(whole.get(NDArrayIndex.interval(3, 10), NDArrayIndex.all()),
                wholeEpsilon.get(NDArrayIndex.interval(2, 9), NDArrayIndex.all()));
        // Columns of a matrix are not one run of floats: DL4J's own kernel takes them.
        assertSameGradient(whole.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 7)),
                wholeEpsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 7)));
        // More floats than one block of the Java loop, and not a multiple of it.
        assertSameGradient(Nd4j.randn(DataType.FLOAT, 3, 4099), Nd4j.randn(DataType.FLOAT, 3, 4099));
    }

    @Test
    void aReluNetworkUsesItAndKeepsItWhenReadBack() throws Exception {
        TrainingData data = LearnableImages.of(40, 4, 3);
        ModelConfig model = ModelConfig.REFERENCE.with(Hyperparameters.FILTERS, 4);
        MultiLayerNetwork network = CnnFactory.build(model, NetworkInput.of(model, data.train(), 1), 1);
        assertInstanceOf(ReluActivation.class, ((BaseLayer) network.getLayer(0).conf().getLayer()).getActivationFn());
        MultiLayerNetwork readBack = MultiLayerNetwork.load(save(network), true);
        assertInstanceOf(ReluActivation.class, ((BaseLayer) readBack.getLayer(0).conf().getLayer()).getActivationFn());
        assertEquals(network.getLayerWiseConfigurations(), readBack.getLayerWiseConfigurations());
    }

    @Test
    void networksSavedForUsersNameDl4jsOwnRelu() {
        TrainingData data = LearnableImages.of(40, 4, 3);
        ModelConfig model = ModelConfig.REFERENCE.with(Hyperparameters.FILTERS, 4);
        MultiLayerNetwork network = CnnFactory.build(model, NetworkInput.of(model, data.train(), 1), 1);
        String json = ReluActivation.withDl4jRelu(network.getLayerWiseConfigurations()).toJson();
        assertFalse(json.contains(ReluActivation.class.getName()), json);
        assertInstanceOf(ReluActivation.class, ((BaseLayer) network.getLayer(0).conf().getLayer()).getActivationFn(),
                "the network itself keeps sparktune's");
    }

    private static java.io.File save(MultiLayerNetwork network) throws java.io.IOException {
        java.io.File file = java.nio.file.Files.createTempFile("relu", ".zip").toFile();
        file.deleteOnExit();
        network.save(file, true);
        return file;
    }

    private static void assertSameGradient(INDArray in, INDArray epsilon) {
        INDArray expected = new ActivationReLU().backprop(in.dup(), epsilon.dup()).getFirst();
        INDArray inBefore = in.dup();
        INDArray epsilonBefore = epsilon.dup();
        INDArray actual = new ReluActivation().backprop(in, epsilon).getFirst();
        assertEquals(expected, actual);
        assertEquals(inBefore, in, "the input is left as it was");
        assertEquals(epsilonBefore, epsilon, "the incoming gradient is left as it was");
    }
}

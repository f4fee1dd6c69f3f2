package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.sparktune.data.TrainingData;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import io.sparktune.network.BatchNormHelper;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.network.Network;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checkpoints keep ModelSerializer's layout byte for byte while sparktune writes and reads their arrays in
 * bulk: DL4J reads what sparktune writes, and sparktune reads what DL4J writes, compressed or not.
 */
class CheckpointFormatTest {
    @Test
    void arraysAreWrittenByteForByteAsNd4jWritesThemAndReadBackEqual() throws IOException {
        INDArray row = Nd4j.rand(DataType.FLOAT, 1, 100_003);
        INDArray fortran = Nd4j.rand(DataType.FLOAT, 7, 5, 3).dup('f');
        INDArray view = Nd4j.rand(DataType.FLOAT, 6, 9).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray ints = Nd4j.createFromArray(new int[] {3, 1, 4, 1, 5});
        for (INDArray array : new INDArray[] {row, fortran, view, ints}) {
            byte[] ours = bytes(array, true);
            byte[] nd4j = bytes(array, false);
            assertArrayEquals(nd4j, ours, "the layout of " + array.shapeInfoToString());
            assertEquals(array, Nd4jArrayFormat.read(ours));
            assertEquals(Nd4j.read(new DataInputStream(new ByteArrayInputStream(nd4j))), Nd4jArrayFormat.read(nd4j));
        }
    }

    @Test
    void aNetworkWithItsUpdaterStateRoundTripsThroughBothReaders() throws IOException {
        Dl4jRuntime.limitThreads(1);
        TrainingData data = LearnableImages.of(120, 4, 3);
        ModelConfig model = ModelConfig.REFERENCE.with(Hyperparameters.FILTERS, 4)
                .with(Hyperparameters.DENSE_UNITS, 8).with(Hyperparameters.BATCH_SIZE, 20);
        TrialConfig trial = TrialConfig.of(1, model, 42);
        MultiLayerNetwork network = (MultiLayerNetwork) BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, data.train(), 1), trial.seed()).model();
        TrialRunner.trainEpoch(Network.of(network), data.train(), trial, 1, Augmentation.of(model, trial.seed()));

        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        NetworkState.write(Network.of(network), ours);
        ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, dl4j, true);
        for (MultiLayerNetwork read : new MultiLayerNetwork[] {
                ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(ours.toByteArray()), true),
                (MultiLayerNetwork) NetworkState.read(new ByteArrayInputStream(ours.toByteArray())).model(),
                (MultiLayerNetwork) NetworkState.read(new ByteArrayInputStream(dl4j.toByteArray())).model()}) {
            assertEquals(network.getLayerWiseConfigurations(), read.getLayerWiseConfigurations());
            assertEquals(network.params(), read.params());
            assertEquals(network.getUpdater().getStateViewArray(), read.getUpdater().getStateViewArray());
        }
    }

    @Test
    void aBatchNormNetworkReadFromACheckpointKeepsSparktunesBatchStatistics() throws IOException {
        TrainingData data = LearnableImages.of(120, 4, 3);
        ModelConfig model = ModelConfig.REFERENCE.with(Hyperparameters.FILTERS, 4)
                .with(Hyperparameters.BATCH_NORM, true).with(Hyperparameters.DENSE_UNITS, 8);
        MultiLayerNetwork network = (MultiLayerNetwork) BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, data.train(), 1), 42).model();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NetworkState.write(Network.of(network), bytes);
        Network read = NetworkState.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertInstanceOf(BatchNormHelper.class, read.layers().get(1).getHelper());
    }

    private static byte[] bytes(INDArray array, boolean ours) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        if (ours) {
            Nd4jArrayFormat.write(array, out);
        } else {
            Nd4j.write(array, out);
        }
        out.flush();
        return bytes.toByteArray();
    }
}

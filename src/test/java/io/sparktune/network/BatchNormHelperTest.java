package io.sparktune.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.lang.reflect.Field;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The batch statistics and the backward pass sparktune computes for DL4J's batch norm are the ones DL4J and
 * oneDNN compute, and a network using them learns what it learns with DL4J's own helper: same losses, same
 * running averages, same predictions, oneDNN still normalising.
 */
class BatchNormHelperTest {
    @Test
    void theMinibatchStatisticsAreTheOnesNd4jComputes() {
        Dl4jRuntime.limitThreads(1);
        // A large mean against a small spread is where a one-pass variance loses precision if done naively.
        for (double offset : new double[] {0, 300}) {
            INDArray x = Nd4j.randn(DataType.FLOAT, 8, 5, 7, 9).muli(0.5).addi(offset);
            INDArray mean = Nd4j.create(DataType.FLOAT, 5);
            INDArray var = Nd4j.create(DataType.FLOAT, 5);
            BatchNormHelper.statistics(x, mean, var);
            INDArray plainMean = x.castTo(DataType.DOUBLE).mean(0, 2, 3);
            INDArray plainVar = Nd4j.exec(new Variance(x.castTo(DataType.DOUBLE), false, 0, 2, 3));
            for (int c = 0; c < 5; c++) {
                assertEquals(plainMean.getDouble(c), mean.getDouble(c), 1e-4 + 1e-6 * offset, "mean of channel " + c);
                assertEquals(plainVar.getDouble(c), var.getDouble(c), 1e-4, "variance of channel " + c);
            }
        }
    }

    @Test
    void theBackwardPassGivesTheGradientsOneDnnGives() {
        Dl4jRuntime.limitThreads(1);
        long[] shape = {16, 6, 9, 7};
        INDArray x = Nd4j.randn(DataType.FLOAT, shape).muli(1.5).addi(0.4);
        INDArray dy = Nd4j.randn(DataType.FLOAT, shape);
        INDArray gamma = Nd4j.rand(DataType.FLOAT, 1, 6).addi(0.5);
        INDArray beta = Nd4j.rand(DataType.FLOAT, 1, 6);
        MKLDNNBatchNormHelper oneDnn = new MKLDNNBatchNormHelper(DataType.FLOAT);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        oneDnn.preOutput(x, true, shape, gamma, beta, Nd4j.zeros(DataType.FLOAT, 6), Nd4j.ones(DataType.FLOAT, 6),
                0.9, 1e-5, CNN2DFormat.NCHW, noWorkspaces);
        INDArray expectedGamma = Nd4j.create(DataType.FLOAT, 1, 6);
        INDArray expectedBeta = Nd4j.create(DataType.FLOAT, 1, 6);
        INDArray expectedDx = oneDnn.backpropGradient(x, dy, shape, gamma, beta, expectedGamma, expectedBeta, 1e-5,
                CNN2DFormat.NCHW, noWorkspaces).getSecond();

        INDArray dGamma = Nd4j.create(DataType.FLOAT, 1, 6);
        INDArray dBeta = Nd4j.create(DataType.FLOAT, 1, 6);
        INDArray dx = Nd4j.create(DataType.FLOAT, shape);
        BatchNormHelper.backward(x, dy, oneDnn.getMeanCache(DataType.FLOAT), oneDnn.getVarCache(DataType.FLOAT),
                gamma, 1e-5, dx, dGamma, dBeta);
        assertTrue(expectedDx.equalsWithEps(dx, 1e-5), "input gradients");
        assertTrue(expectedGamma.equalsWithEps(dGamma, 1e-3), expectedGamma + " against " + dGamma);
        assertTrue(expectedBeta.equalsWithEps(dBeta, 1e-3), expectedBeta + " against " + dBeta);
    }

    @Test
    void aNetworkLearnsWithThemWhatItLearnsWithDl4jsOwn() throws Exception {
        Dl4jRuntime.limitThreads(1);
        TrainingData data = LearnableImages.of(320, 4, 3);
        ModelConfig model = ModelConfig.REFERENCE.overlay(SpecJson.mapper().valueToTree(Map.of("filters", 8,
                "padding", "same", "batch_norm", true, "convs_per_block", 2, "head", "global_avg",
                "weight_init", "he", "batch_size", 32)), "");
        MultiLayerNetwork ours = (MultiLayerNetwork) BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, data.train(), 1), 42).model();
        MultiLayerNetwork dl4j = new MultiLayerNetwork(ours.getLayerWiseConfigurations().clone());
        dl4j.init(ours.params().dup(), false);
        int norms = 0;
        for (Layer layer : ours.getLayers()) {
            if (layer instanceof BatchNormalization) {
                assertInstanceOf(BatchNormHelper.class, layer.getHelper());
                norms++;
            }
        }
        assertEquals(2, norms);
        assertEquals(MKLDNNBatchNormHelper.class, dl4j.getLayer(1).getHelper().getClass());

        int steps = 0;
        for (int start = 0; start + 32 <= data.train().size(); start += 32) {
            int first = start;
            int[] rows = new int[32];
            java.util.Arrays.setAll(rows, i -> first + i);
            DataSet batch = TrainingData.batch(data.train(), rows);
            ours.fit(batch);
            dl4j.fit(batch);
            steps++;
            assertEquals(dl4j.score(), ours.score(), 1e-4 * Math.max(1, dl4j.score()), "loss at image " + start);
        }
        for (int i = 0; i < ours.getnLayers(); i++) {
            if (ours.getLayer(i) instanceof BatchNormalization norm) {
                assertTrue(norm.getParam("mean").equalsWithEps(dl4j.getLayer(i).getParam("mean"), 1e-4),
                        "running mean of layer " + i);
                assertTrue(norm.getParam("log10stdev").equalsWithEps(dl4j.getLayer(i).getParam("log10stdev"), 1e-4),
                        "running deviation of layer " + i);
                assertInstanceOf(BatchNormHelper.class, norm.getHelper(), "still ours after training");
                assertArrayEquals(new long[] {steps, steps}, ((BatchNormHelper) norm.getHelper()).computedHere(),
                        "every step had its statistics and its backward pass computed here");
                Field failures = BatchNormalization.class.getDeclaredField("helperCountFail");
                failures.setAccessible(true);
                assertEquals(0, failures.getInt(norm), "layer " + i + " never fell back from oneDNN");
            }
        }
        INDArray validation = TrainingData.batchesInOrder(data.validation(), 50).get(0).getFeatures();
        assertEquals(dl4j.output(validation, false).argMax(1), ours.output(validation, false).argMax(1),
                "the same validation predictions");
    }
}

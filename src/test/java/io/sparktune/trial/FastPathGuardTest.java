package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.TrainingData;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import io.sparktune.model.ReluActivation;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.network.FirstConvHelper;
import io.sparktune.network.Network;
import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * Training keeps its fast native path for the whole trial, not just the first epoch: the convolution and
 * pooling layers still hold their oneDNN helpers (the first convolution sparktune's, which skips the input
 * gradient, with sparktune's ReLU), none of them has fallen back after a failure, they keep their forward
 * pass for the backward one, and the optimizer's state holds no subnormal float after far more steps than
 * it takes Adam's first moment to decay into that range where gradients are zero. Losing any of these
 * slows training without failing anything else; this test has no timing in it.
 */
class FastPathGuardTest {
    @Test
    void theOneDnnHelpersAndANormalOptimizerStateLastTheWholeTrial() throws Exception {
        Dl4jRuntime.limitThreads(1);
        TrainingData data = LearnableImages.of(400, 4, 3);
        // A high learning rate kills ReLU units, whose weights then get exactly zero gradients.
        ModelConfig model = ModelConfig.REFERENCE.with(Hyperparameters.FILTERS, 4)
                .with(Hyperparameters.DENSE_UNITS, 16).with(Hyperparameters.BATCH_SIZE, 10)
                .with(Hyperparameters.LEARNING_RATE, 0.05).with(Hyperparameters.EPOCHS, 40);
        TrialConfig trial = TrialConfig.of(1, model, 42);
        Network network = BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, data.train(), 40), trial.seed());
        Augmentation augmentation = Augmentation.of(model, 0);
        int steps = 0;
        for (int epoch = 1; epoch <= model.get(Hyperparameters.EPOCHS); epoch++) {
            TrialRunner.trainEpoch(network, data.train(), trial, epoch, augmentation);
            steps += (data.train().size() + 9) / 10;
            assertHelpersHold(network, "after epoch " + epoch);
            assertEquals(0, SubnormalFlush.subnormals(network), "subnormal values in the optimizer state after"
                    + " epoch " + epoch);
            TrialRunner.validate(network, data, epoch, new TrialRunner.TrainedEpoch(0, 0),
                    new Evaluation(data.classNames(), 1), System.nanoTime(),
                    io.sparktune.model.TestTimeAugmentation.NONE);
            assertHelpersHold(network, "after validating epoch " + epoch);
        }
        assertTrue(steps >= 1000, steps + " steps: past the ~700 it takes a zero-gradient first moment to decay");
    }

    private static void assertHelpersHold(Network wrapped, String when) throws Exception {
        MultiLayerNetwork network = (MultiLayerNetwork) wrapped.model();
        assertEquals(CacheMode.DEVICE, network.getLayerWiseConfigurations().getCacheMode(), when);
        for (int i = 0; i < 2; i++) {
            Layer layer = network.getLayer(i);
            assertNotNull(layer.getHelper(), "layer " + i + " " + layer.getClass().getSimpleName()
                    + " has a oneDNN helper " + when);
            Class<?> dl4jHelper = layer.getHelper().getClass();
            while (!dl4jHelper.getSimpleName().startsWith("MKLDNN") && dl4jHelper.getSuperclass() != null) {
                dl4jHelper = dl4jHelper.getSuperclass();
            }
            assertTrue(dl4jHelper.getSimpleName().startsWith("MKLDNN"), layer.getHelper().getClass().getName()
                    + " is DL4J's oneDNN helper or builds on it");
            if (i == 0) {
                assertInstanceOf(FirstConvHelper.class, layer.getHelper(), "the first convolution computes no"
                        + " input gradient " + when);
                assertInstanceOf(ReluActivation.class, ((org.deeplearning4j.nn.conf.layers.BaseLayer) layer.conf()
                        .getLayer()).getActivationFn(), "ReLU's backward pass is sparktune's " + when);
            }
            Field failures = layer.getClass().getDeclaredField("helperCountFail");
            failures.setAccessible(true);
            assertEquals(0, failures.getInt(layer), "layer " + i + " fell back from its helper " + when);
            Field cacheMode = org.deeplearning4j.nn.layers.AbstractLayer.class.getDeclaredField("cacheMode");
            cacheMode.setAccessible(true);
            assertEquals(CacheMode.DEVICE, cacheMode.get(layer), "layer " + i + " keeps its forward pass for the"
                    + " backward one " + when);
        }
    }
}

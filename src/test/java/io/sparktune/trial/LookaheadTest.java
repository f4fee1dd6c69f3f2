package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.TrainingData;
import io.sparktune.network.Network;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Lookahead's slow weights, on a real DL4J network and in real trials. */
class LookaheadTest {
    private static TrainingData data;

    @BeforeAll
    static void data() {
        Dl4jRuntime.limitThreads(1);
        data = LearnableImages.of(400, 4, 3);
    }

    private static Network tiny() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(2).nOut(2).build())
                .build());
        net.init();
        return Network.of(net);
    }

    /** Stands for an optimizer step: moves every weight by {@code by}. */
    private static void step(Network network, double by) {
        network.params().addi(by);
    }

    @Test
    void everyKStepsTheSlowWeightsMoveAlphaOfTheWayAndTheEpochEndsOnThem() {
        Network network = tiny();
        float[] start = network.params().dup().toFloatVector();
        Lookahead lookahead = new Lookahead(2, 0.25);
        lookahead.startEpoch(network);
        step(network, 1);
        lookahead.afterStep(network, false);
        assertArrayEquals(shifted(start, 1), network.params().toFloatVector(), 1e-6f, "no sync after 1 of 2 steps");
        step(network, 1);
        lookahead.afterStep(network, false);
        // Fast weights 2 from the slow ones: the slow ones move 0.25 of that, and training goes on from there.
        assertArrayEquals(shifted(start, 0.5), network.params().toFloatVector(), 1e-6f, "synced after 2 steps");
        step(network, 4);
        lookahead.afterStep(network, true);
        assertArrayEquals(shifted(start, 1.5), network.params().toFloatVector(), 1e-6f,
                "the epoch's last step syncs whatever the count");
    }

    private static float[] shifted(float[] values, double by) {
        float[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) by;
        }
        return out;
    }

    @Test
    void offOrAtAlphaOneTrainingIsPlainTrainingAndOtherwiseItDiffersAndStillLearns() {
        Map<String, Object> base = Map.of("epochs", 2, "filters", 8, "dense_units", 16, "batch_size", 32,
                "optimizer", "sgd", "learning_rate", 0.05);
        TrialResult plain = trial(base, Map.of());
        // Alpha 1 moves the slow weights all the way: the syncs change nothing, so the hook itself must not.
        TrialResult alphaOne = trial(base, Map.of("lookahead_steps", 3, "lookahead_alpha", 1.0));
        TrialResult lookahead = trial(base, Map.of("lookahead_steps", 3, "lookahead_alpha", 0.5));
        for (int e = 0; e < 2; e++) {
            assertEquals(plain.epochs().get(e).valLoss(), alphaOne.epochs().get(e).valLoss(), 1e-6);
        }
        assertNotEquals(plain.epochs().get(1).valLoss(), lookahead.epochs().get(1).valLoss());
        assertEquals(TrialStatus.OK, lookahead.status(), lookahead.error());
        assertTrue(lookahead.bestValAccuracy() > 0.5, "4 bands are still told apart: " + lookahead.epochs());
    }

    private static TrialResult trial(Map<String, Object> base, Map<String, Object> more) {
        Map<String, Object> settings = new java.util.HashMap<>(base);
        settings.putAll(more);
        return new TrialRunner().run(TrialConfig.of(1, TestModels.of(settings), 42), data);
    }

    @Test
    void offItLeavesTheWeightsAlone() {
        Network network = tiny();
        INDArray before = network.params().dup();
        Lookahead off = new Lookahead(0, 0.5);
        assertTrue(off.isOff());
        off.startEpoch(network);
        step(network, 1);
        off.afterStep(network, true);
        assertEquals(before.add(1), network.params());
    }
}

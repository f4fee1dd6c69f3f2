package io.sparktune.network;

import io.sparktune.model.ChannelStandardize;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import io.sparktune.model.Normalization;
import io.sparktune.model.TrainingUpdater;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A trial's training hyperparameters laid over a network configured elsewhere. The trial wins on how the
 * network learns: every layer's updater (optimizer, learning rate, schedule, warm-up) and its regularisation
 * (l2 and weight decay on weights, none on biases) are the trial's, whatever the configuration said; so are
 * the weights' seed, float precision, and for {@code normalize per_channel} the input's standardisation. The
 * configuration keeps everything that shapes the network: its layers, activations, dropout, weight init and
 * any constraints (a final softmax with no loss gets one). Training counters a saved configuration carries
 * start again from zero, so a schedule runs from its start.
 */
final class TrialTraining {
    private TrialTraining() {
    }

    /**
     * The network {@code configuration} builds when trained as the trial says, with {@code parameters} as its
     * weights (null: fresh ones from the trial's seed).
     */
    static Network network(Object configuration, INDArray parameters, ModelConfig model, NetworkInput input,
                           long seed) {
        return Network.init(apply(configuration, model, input, seed), parameters);
    }

    /** A copy of {@code configuration} (a stack's or a graph's), set to train as the trial says. */
    static Object apply(Object configuration, ModelConfig model, NetworkInput input, long seed) {
        IUpdater updater = TrainingUpdater.of(model, input);
        List<Regularization> regularization = new ArrayList<>();
        if (model.get(Hyperparameters.L2) > 0) {
            regularization.add(new L2Regularization(model.get(Hyperparameters.L2)));
        }
        if (model.get(Hyperparameters.WEIGHT_DECAY) > 0) {
            regularization.add(new WeightDecay(model.get(Hyperparameters.WEIGHT_DECAY), true));
        }
        boolean standardize = model.get(Hyperparameters.NORMALIZE) == Normalization.PER_CHANNEL;
        if (configuration instanceof MultiLayerConfiguration stack) {
            MultiLayerConfiguration conf = stack.clone();
            NeuralNetConfiguration last = conf.getConf(conf.getConfs().size() - 1);
            last.setLayer(withLoss(last.getLayer()));
            for (NeuralNetConfiguration layer : conf.getConfs()) {
                layer.setSeed(seed);
                train(layer.getLayer(), updater, regularization);
            }
            if (standardize) {
                conf.getInputPreProcessors().put(0, first(ChannelStandardize.of(input.channels()),
                        conf.getInputPreProcess(0)));
            }
            conf.setDataType(DataType.FLOAT);
            conf.setTrainingWorkspaceMode(WorkspaceMode.ENABLED);
            conf.setInferenceWorkspaceMode(WorkspaceMode.ENABLED);
            conf.setIterationCount(0);
            conf.setEpochCount(0);
            return conf;
        }
        ComputationGraphConfiguration conf = ((ComputationGraphConfiguration) configuration).clone();
        conf.getDefaultConfiguration().setSeed(seed);
        String imageInput = conf.getNetworkInputs().get(0);
        String output = conf.getNetworkOutputs().get(0);
        conf.getVertices().forEach((name, vertex) -> {
            if (vertex instanceof LayerVertex layer) {
                if (name.equals(output)) {
                    layer.getLayerConf().setLayer(withLoss(layer.getLayerConf().getLayer()));
                }
                layer.getLayerConf().setSeed(seed);
                train(layer.getLayerConf().getLayer(), updater, regularization);
                if (standardize && conf.getVertexInputs().get(name).equals(List.of(imageInput))) {
                    layer.setPreProcessor(first(ChannelStandardize.of(input.channels()), layer.getPreProcessor()));
                }
            } else if (standardize && conf.getVertexInputs().getOrDefault(name, List.of()).contains(imageInput)) {
                throw new IllegalArgumentException("normalize per_channel standardises the images where a layer"
                        + " reads them, and vertex " + name + " reads them first");
            }
        });
        conf.setDataType(DataType.FLOAT);
        conf.setTrainingWorkspaceMode(WorkspaceMode.ENABLED);
        conf.setInferenceWorkspaceMode(WorkspaceMode.ENABLED);
        conf.setIterationCount(0);
        conf.setEpochCount(0);
        return conf;
    }

    /** {@code before}, then what a layer already did to its input ({@code then}, or nothing). */
    static InputPreProcessor first(InputPreProcessor before, InputPreProcessor then) {
        return then == null ? before : new ComposableInputPreProcessor(before, then);
    }

    /**
     * A network that ends in a softmax rather than an output layer computes class probabilities but has no
     * loss to train with: DL4J's zoo SimpleCNN ends in a softmax activation, which becomes a loss layer, and a
     * Keras model (whose loss is given when it is compiled, not in its JSON) in a softmax dense layer, which
     * becomes an output layer with the same weights. Either computes the same probabilities and their
     * cross-entropy.
     */
    private static Layer withLoss(Layer last) {
        Layer replaced = last;
        if (last instanceof ActivationLayer activation && activation.getActivationFn() instanceof ActivationSoftmax) {
            replaced = new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(new ActivationSoftmax())
                    .build();
        } else if (last instanceof DenseLayer dense && dense.getActivationFn() instanceof ActivationSoftmax) {
            OutputLayer output = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(dense.getNIn())
                    .nOut(dense.getNOut()).activation(new ActivationSoftmax()).weightInit(dense.getWeightInitFn())
                    .biasInit(dense.getBiasInit()).gainInit(dense.getGainInit()).hasBias(dense.hasBias()).build();
            output.setIDropout(dense.getIDropout());
            output.setConstraints(dense.getConstraints());
            replaced = output;
        }
        replaced.setLayerName(last.getLayerName());
        return replaced;
    }

    /** Each layer its own copy of the updater, as DL4J's builders give them. */
    private static void train(Layer layer, IUpdater updater, List<Regularization> regularization) {
        if (layer instanceof BaseLayer base) {
            base.setIUpdater(updater.clone());
            base.setBiasUpdater(null);
            base.setRegularization(new ArrayList<>(regularization));
            base.setRegularizationBias(new ArrayList<>());
        }
    }
}

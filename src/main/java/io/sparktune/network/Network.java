package io.sparktune.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparktune.input.UserInputException;
import io.sparktune.model.ChannelStandardize;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * A network a trial trains, whichever kind DL4J built it as: a {@link MultiLayerNetwork} (a stack of layers)
 * or a {@link ComputationGraph} (layers joined in any graph: residual connections, merges). Training,
 * scoring, checkpoints and the cost estimate see only this, so every source of networks gets all of them.
 * A graph takes one image input and gives one class distribution, as a trial feeds and scores it.
 */
public final class Network {
    private final MultiLayerNetwork stack;
    private final ComputationGraph graph;
    /** The labels of the minibatch being fitted: a graph does not hand them to its listeners. */
    private INDArray labels;

    private Network(MultiLayerNetwork stack, ComputationGraph graph) {
        this.stack = stack;
        this.graph = graph;
    }

    /** An initialised DL4J network of either kind; anything else is refused naming what it is. */
    public static Network of(Object model) {
        if (model instanceof MultiLayerNetwork network) {
            return new Network(network, null);
        }
        if (model instanceof ComputationGraph network) {
            ComputationGraphConfiguration conf = network.getConfiguration();
            if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
                throw new IllegalArgumentException("a ComputationGraph with " + conf.getNetworkInputs().size()
                        + " inputs and " + conf.getNetworkOutputs().size() + " outputs; a trial feeds it one"
                        + " image input and scores one output");
            }
            return new Network(null, network);
        }
        throw new IllegalArgumentException("not a DL4J MultiLayerNetwork or ComputationGraph but "
                + (model == null ? "null" : model.getClass().getName()));
    }

    /**
     * A network built from a configuration, initialised with {@code parameters} (null: fresh weights from the
     * configuration's seed) and prepared to train as every sparktune network does ({@link #prepare()}).
     */
    public static Network init(Object configuration, INDArray parameters) {
        Network network;
        if (configuration instanceof MultiLayerConfiguration conf) {
            network = new Network(new MultiLayerNetwork(conf), null);
        } else if (configuration instanceof ComputationGraphConfiguration conf) {
            network = of(new ComputationGraph(conf));
        } else {
            throw new IllegalArgumentException("not a DL4J network configuration: " + configuration);
        }
        if (parameters == null) {
            network.model().init();
        } else if (network.stack != null) {
            network.stack.init(parameters, false);
        } else {
            network.graph.init(parameters, false);
        }
        network.prepare();
        return network;
    }

    /**
     * How every network sparktune trains runs. DL4J keeps a layer's pre-activation for its backward pass only
     * when both the configuration (which then gives it a workspace) and each layer are told to; otherwise each
     * convolution runs its forward pass twice a step, once more inside its backward pass: 17% of a step of the
     * family's strong network, 4% of the reference CNN's. Batch norm gets its minibatch statistics from
     * {@link BatchNormHelper}, and a convolution fed the images themselves skips the input gradient nobody uses
     * ({@link FirstConvHelper}). A graph keeps DL4J's own ways: with these, a residual graph's training crashed
     * the JVM in a convolution's backward pass, twice in some six runs.
     */
    public void prepare() {
        if (stack != null) {
            stack.getLayerWiseConfigurations().setCacheMode(CacheMode.DEVICE);
            stack.setCacheMode(CacheMode.DEVICE);
            BatchNormHelper.install(layers());
            FirstConvHelper.install(inputLayers());
        }
    }

    /**
     * The configuration a JSON text holds: a ComputationGraph's (it names its vertices) or a MultiLayerNetwork's.
     * DL4J's own message says what is wrong with a text that is neither.
     */
    public static Object configurationFromJson(String json) {
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (tree.has("vertices")) {
            return ComputationGraphConfiguration.fromJson(json);
        }
        if (tree.has("confs")) {
            return MultiLayerConfiguration.fromJson(json);
        }
        throw new IllegalArgumentException("neither a MultiLayerConfiguration (it would list \"confs\") nor a"
                + " ComputationGraphConfiguration (it would list \"vertices\")");
    }

    public boolean isGraph() {
        return graph != null;
    }

    /** The DL4J network itself: a MultiLayerNetwork or a ComputationGraph. */
    public Model model() {
        return stack != null ? stack : graph;
    }

    /** The network's configuration: a MultiLayerConfiguration or a ComputationGraphConfiguration. */
    public Object configuration() {
        return stack != null ? stack.getLayerWiseConfigurations() : graph.getConfiguration();
    }

    public String configurationJson() {
        return stack != null ? stack.getLayerWiseConfigurations().toJson() : graph.getConfiguration().toJson();
    }

    /** One training step on {@code batch}. */
    public void fit(DataSet batch) {
        labels = batch.getLabels();
        try {
            if (stack != null) {
                stack.fit(batch);
            } else {
                graph.fit(batch);
            }
        } finally {
            labels = null;
        }
    }

    /** The loss of the last training step. */
    public double score() {
        return model().score();
    }

    /** The class probabilities of {@code features}, in inference mode. */
    public INDArray output(INDArray features) {
        return stack != null ? stack.output(features, false) : graph.output(false, features)[0];
    }

    public INDArray params() {
        return model().params();
    }

    /** The optimizer's state as one array; null or empty when the optimizer keeps none (plain SGD). */
    public INDArray updaterState() {
        return stack != null ? stack.getUpdater().getStateViewArray() : graph.getUpdater().getStateViewArray();
    }

    /** Puts back an optimizer state {@link #updaterState()} gave, so training goes on exactly where it was. */
    public void setUpdaterState(INDArray state) {
        if (stack != null) {
            stack.getUpdater().setStateViewArray(stack, state, false);
        } else {
            graph.getUpdater().setStateViewArray(state);
        }
    }

    public void setListeners(TrainingListener... listeners) {
        model().setListeners(listeners);
    }

    /** The labels of the minibatch being fitted now (by {@link #fit}, or a stack's own fit); null outside a step. */
    public INDArray labels() {
        return labels != null || stack == null ? labels : stack.getLabels();
    }

    public List<Layer> layers() {
        return Arrays.asList(stack != null ? stack.getLayers() : graph.getLayers());
    }

    /** The layer that gives the class distribution. */
    public Layer outputLayer() {
        return stack != null ? stack.getOutputLayer() : graph.getOutputLayer(0);
    }

    /**
     * Weighs each class's share of the training loss by {@code weights} (one per class), in the output layer's
     * cross-entropy, where DL4J scales both the loss and its gradient by the true class's weight. (A per-example
     * label mask would not do: DL4J multiplies the mask into the output layer's logits as well.) Only a
     * cross-entropy output layer can be weighed; the message names the loss of any other.
     */
    public void weighClasses(float[] weights) {
        org.deeplearning4j.nn.conf.layers.Layer conf = outputLayer().conf().getLayer();
        if (!(conf instanceof BaseOutputLayer output) || !(output.getLossFn() instanceof LossMCXENT)) {
            throw new UserInputException("class_weights needs an output layer with a cross-entropy loss (MCXENT or"
                    + " NEGATIVELOGLIKELIHOOD); this network's output layer " + (conf instanceof BaseOutputLayer out
                    ? "uses " + out.getLossFn() : "is a " + conf.getClass().getSimpleName()));
        }
        output.setLossFn(new LossMCXENT(Nd4j.createFromArray(weights).reshape(1, weights.length)));
    }

    /** What the output layer's input goes through first (a flattening, say); null for nothing. */
    public InputPreProcessor outputPreProcessor() {
        if (stack != null) {
            return stack.getLayerWiseConfigurations().getInputPreProcess(stack.getnLayers() - 1);
        }
        GraphVertex vertex = graph.getVertex(graph.getConfiguration().getNetworkOutputs().get(0));
        return vertex instanceof LayerVertex layer ? layer.getLayerPreProcessor() : null;
    }

    /** The name under which a graph's listeners see the output layer's input; null for a stack. */
    public String outputInputName() {
        if (stack != null) {
            return null;
        }
        ComputationGraphConfiguration conf = graph.getConfiguration();
        List<String> inputs = conf.getVertexInputs().get(conf.getNetworkOutputs().get(0));
        return inputs.size() == 1 ? inputs.get(0) : null;
    }

    /**
     * The stack's first layer when it reads the images themselves, which needs no gradient for its input: fed
     * the network's input straight, or through sparktune's standardisation, which passes no gradient on either.
     * Behind another preprocessor (a reshape of flat input) it is left out, as that preprocessor would need the
     * gradient.
     */
    private List<Layer> inputLayers() {
        InputPreProcessor first = stack.getLayerWiseConfigurations().getInputPreProcess(0);
        // Dropout on the images (a Keras import puts one keeping every pixel on each layer) wants the gradient too.
        boolean dropout = stack.getLayer(0).conf().getLayer().getIDropout() != null;
        return (first == null || first instanceof ChannelStandardize) && !dropout ? List.of(stack.getLayer(0))
                : List.of();
    }
}

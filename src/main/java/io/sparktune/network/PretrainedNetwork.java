package io.sparktune.network;

import io.sparktune.data.ImageShape;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network with weights of its own, as DL4J's ModelSerializer saved it, which each trial fine-tunes. The
 * output layer is replaced by a fresh one when its size is
 * not the data's class count, and the trial's {@code freeze_layers} first layers keep their weights; the
 * rest train as the trial says. It holds the saved bytes, read once on the driver; {@code origin} names them.
 */
public record PretrainedNetwork(String origin, byte[] saved) implements NetworkSource {

    @Override
    public Network build(ModelConfig model, NetworkInput input, long seed) {
        Network tuned = fineTuned(restore(), input.classes(), model.get(Hyperparameters.FREEZE_LAYERS), seed);
        return TrialTraining.network(tuned.configuration(), tuned.params(), model, input, seed);
    }

    @Override
    public double trainingFlops(ModelConfig model, ImageShape shape, int classes) {
        return count(shape).trainingFlops();
    }

    @Override
    public long trainingBytes(ModelConfig model, ImageShape shape, int classes) {
        return count(shape).trainingBytes(model.get(Hyperparameters.BATCH_SIZE));
    }

    private LayerCount count(ImageShape shape) {
        String json = configurationJson();
        return LayerCount.of(json, shape, () -> Network.configurationFromJson(json));
    }

    @Override
    public String description() {
        return origin;
    }

    @Override
    public String identity() {
        return NetworkSource.digest(origin, saved);
    }

    /** The saved network, weights and all; its optimizer's state is left behind, as a trial brings its own. */
    public Network restore() {
        try {
            return Network.configurationFromJson(configurationJson()) instanceof ComputationGraphConfiguration
                    ? Network.of(ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(saved), false))
                    : Network.of(ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(saved), false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the network " + origin, e);
        }
    }

    /**
     * How many layers freezing up to and including {@code name} freezes: its place in the network's order of
     * layers (a graph's as {@link #fineTuned} counts them); an error lists the names there are.
     */
    public int layersUpTo(String name) {
        List<String> names = layerNames(restore());
        int at = names.indexOf(name);
        if (at < 0) {
            throw new IllegalArgumentException("no layer '" + name + "' in " + origin + "; its layers: "
                    + String.join(", ", names));
        }
        return at + 1;
    }

    /** The network's layers in the order {@code freeze_layers} counts them. */
    private static List<String> layerNames(Network network) {
        if (!network.isGraph()) {
            return network.layers().stream().map(l -> l.conf().getLayer().getLayerName()).toList();
        }
        ComputationGraphConfiguration conf = ((ComputationGraph) network.model()).getConfiguration();
        return conf.getTopologicalOrderStr().stream()
                .filter(name -> conf.getVertices().get(name) instanceof LayerVertex).toList();
    }

    /** The configuration the saved network holds, read from its zip. */
    private String configurationJson() {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(saved))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(ModelSerializer.CONFIGURATION_JSON)) {
                    return new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + " is not a zip: " + e.getMessage());
        }
        throw new IllegalArgumentException(origin + " is not a network DL4J's ModelSerializer saved: it has no "
                + ModelSerializer.CONFIGURATION_JSON);
    }

    /**
     * {@code network} with an output layer of {@code classes} units (fresh weights from {@code seed} when it
     * had another size) and its first {@code frozen} layers fixed. In a graph the layers count in the graph's
     * order, and freezing one freezes what it depends on too, as DL4J's transfer learning does.
     */
    static Network fineTuned(Network network, int classes, int frozen, long seed) {
        Nd4j.getRandom().setSeed(seed);
        if (!network.isGraph()) {
            MultiLayerNetwork stack = (MultiLayerNetwork) network.model();
            int layers = stack.getnLayers();
            if (frozen >= layers) {
                throw new IllegalArgumentException("freeze_layers " + frozen + " would freeze all " + layers
                        + " layers, leaving nothing to train");
            }
            TransferLearning.Builder tuning = new TransferLearning.Builder(stack);
            if (((FeedForwardLayer) stack.getLayerWiseConfigurations().getConf(layers - 1).getLayer()).getNOut()
                    != classes) {
                tuning.nOutReplace(layers - 1, classes, WeightInit.XAVIER);
            }
            if (frozen > 0) {
                tuning.setFeatureExtractor(frozen - 1);
            }
            return Network.of(tuning.build());
        }
        ComputationGraph graph = (ComputationGraph) network.model();
        ComputationGraphConfiguration conf = graph.getConfiguration();
        String output = conf.getNetworkOutputs().get(0);
        List<String> layers = layerNames(network);
        if (frozen >= layers.size()) {
            throw new IllegalArgumentException("freeze_layers " + frozen + " would freeze all " + layers.size()
                    + " layers, leaving nothing to train");
        }
        TransferLearning.GraphBuilder tuning = new TransferLearning.GraphBuilder(graph);
        if (((FeedForwardLayer) ((LayerVertex) conf.getVertices().get(output)).getLayerConf().getLayer()).getNOut()
                != classes) {
            tuning.nOutReplace(output, classes, WeightInit.XAVIER);
        }
        if (frozen > 0) {
            tuning.setFeatureExtractor(layers.get(frozen - 1));
        }
        return Network.of(tuning.build());
    }
}

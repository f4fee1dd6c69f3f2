package io.sparktune.network;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;

/** A Keras model's {@code model.to_json()}, read into a DL4J configuration without weights. */
final class KerasNetwork {
    private KerasNetwork() {
    }

    /** Puts {@link ChannelsLast} in front of the layers that read the images of a channels-last model. */
    private static void readsChannelsFirst(Object configuration) {
        if (configuration instanceof MultiLayerConfiguration stack) {
            stack.getInputPreProcessors().put(0, TrialTraining.first(new ChannelsLast(), stack.getInputPreProcess(0)));
            return;
        }
        ComputationGraphConfiguration graph = (ComputationGraphConfiguration) configuration;
        String images = graph.getNetworkInputs().get(0);
        graph.getVertices().forEach((name, vertex) -> {
            if (vertex instanceof LayerVertex layer && graph.getVertexInputs().get(name).equals(List.of(images))) {
                layer.setPreProcessor(TrialTraining.first(new ChannelsLast(), layer.getPreProcessor()));
            }
        });
    }

    /** The configuration {@code json} (read from {@code path}) describes, as DL4J imports it. */
    static ConfigurationNetwork fromJson(String path, String json) {
        Path file = null;
        try {
            // DL4J's importer reads a local file; the text may have come from HDFS or S3.
            file = Files.createTempFile("sparktune-keras", ".json");
            Files.writeString(file, KerasLayout.asKeras2(json), StandardCharsets.UTF_8);
            Object configuration = json.contains("\"Sequential\"")
                    ? KerasModelImport.importKerasSequentialConfiguration(file.toString(), false)
                    : KerasModelImport.importKerasModelConfiguration(file.toString(), false);
            if (json.contains("\"channels_last\"")) {
                readsChannelsFirst(configuration);
            }
            String converted = configuration instanceof MultiLayerConfiguration stack
                    ? stack.toJson() : ((ComputationGraphConfiguration) configuration).toJson();
            return new ConfigurationNetwork("keras_json " + path, converted);
        } catch (Exception e) {
            throw new IllegalArgumentException(path + " cannot be read as a Keras model: "
                    + NetworkSources.firstLine(e));
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }
}

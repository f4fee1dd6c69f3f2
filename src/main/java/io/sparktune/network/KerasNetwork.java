package io.sparktune.network;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A Keras model read into DL4J: its {@code model.to_json()} as a configuration, or a {@code .keras} file with
 * its weights.
 */
final class KerasNetwork {
    private KerasNetwork() {
    }

    /**
     * The network a Keras 3 {@code .keras} file ({@code bytes}, read from {@code path}) holds, weights and all:
     * its {@code config.json} imported as {@link #fromJson} does, its {@code model.weights.h5} put into the
     * layers ({@link KerasWeights}), kept as ModelSerializer saves it.
     */
    static PretrainedNetwork withWeights(String path, byte[] bytes) {
        Path weights = null;
        try {
            String config = null;
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    if (entry.getName().equals("config.json")) {
                        config = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    } else if (entry.getName().equals("model.weights.h5")) {
                        // DL4J's HDF5 reader opens a local file.
                        weights = Files.createTempFile("sparktune-keras", ".weights.h5");
                        Files.write(weights, zip.readAllBytes());
                    }
                }
            }
            if (config == null || weights == null) {
                throw new IllegalArgumentException(path + " is not a Keras 3 model file (.keras): it lacks "
                        + (config == null ? "config.json" : "model.weights.h5"));
            }
            Network network = Network.init(fromJson(path, config).configuration(), null);
            KerasWeights.load(network, weights.toString(), config);
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            ModelSerializer.writeModel(network.model(), saved, false);
            return new PretrainedNetwork("keras_model " + path, saved.toByteArray());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException(path + " cannot be read as a Keras model with weights: "
                    + NetworkSources.firstLine(e));
        } finally {
            if (weights != null) {
                weights.toFile().delete();
            }
        }
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

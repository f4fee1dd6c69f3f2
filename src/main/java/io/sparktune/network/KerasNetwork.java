package io.sparktune.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;

/** A Keras model's {@code model.to_json()}, read into a DL4J configuration without weights. */
final class KerasNetwork {
    private KerasNetwork() {
    }

    /** The configuration {@code json} (read from {@code path}) describes, as DL4J imports it. */
    static ConfigurationNetwork fromJson(String path, String json) {
        Path file = null;
        try {
            // DL4J's importer reads a local file; the text may have come from HDFS or S3.
            file = Files.createTempFile("sparktune-keras", ".json");
            Files.writeString(file, json, StandardCharsets.UTF_8);
            Object configuration = json.contains("\"Sequential\"")
                    ? KerasModelImport.importKerasSequentialConfiguration(file.toString(), false)
                    : KerasModelImport.importKerasModelConfiguration(file.toString(), false);
            String converted = configuration instanceof org.deeplearning4j.nn.conf.MultiLayerConfiguration stack
                    ? stack.toJson() : ((org.deeplearning4j.nn.conf.ComputationGraphConfiguration) configuration).toJson();
            return new ConfigurationNetwork("keras_json " + path, converted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

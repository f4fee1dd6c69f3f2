package io.sparktune.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparktune.data.DataFiles;
import io.sparktune.input.SpecException;
import io.sparktune.input.SpecField;
import io.sparktune.input.SpecSection;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;

/**
 * Reads {@code model.network}, where a search's networks come from: left out, the built-in family; else an
 * object of one field, {@code zoo}, {@code dl4j_json}, {@code keras_json}, {@code builder}, {@code dl4j_model}
 * or {@code keras_model}. A file is read
 * here, on the driver, through Hadoop (so {@code hdfs://} and {@code s3a://} work), and travels with the tasks.
 */
public final class NetworkSources {
    public static final String FIELD = "model.network";
    public static final SpecField<String> ZOO = SpecField.text(FIELD + ".zoo")
            .valid(name -> !name.isBlank(), "a zoo architecture's name, e.g. \"simplecnn\"")
            .doc("An architecture of DL4J's zoo with fresh weights: " + String.join(", ", ZooNetwork.names()) + ".");
    public static final SpecField<String> DL4J_JSON = SpecField.text(FIELD + ".dl4j_json")
            .valid(path -> !path.isBlank(), "a path or URI")
            .doc("A DL4J MultiLayerConfiguration or ComputationGraphConfiguration as JSON (`conf.toJson()`).");
    public static final SpecField<String> KERAS_JSON = SpecField.text(FIELD + ".keras_json")
            .valid(path -> !path.isBlank(), "a path or URI")
            .doc("A Keras model's `model.to_json()`, imported without weights.");
    public static final SpecField<String> BUILDER = SpecField.text(FIELD + ".builder")
            .valid(name -> !name.isBlank(), "a class name, e.g. \"com.example.MyNet\"")
            .doc("Your `io.sparktune.api.NetworkBuilder`, by class name or its ServiceLoader name; its jar given"
                    + " with `--jars`.");
    public static final SpecField<String> DL4J_MODEL = SpecField.text(FIELD + ".dl4j_model")
            .valid(path -> !path.isBlank(), "a path or URI")
            .doc("A network with its weights as DL4J's ModelSerializer saves it (a zip), fine-tuned by each trial:"
                    + " see `freeze_layers`; an output layer of another size is replaced.");
    public static final SpecField<String> KERAS_MODEL = SpecField.text(FIELD + ".keras_model")
            .valid(path -> !path.isBlank(), "a path or URI")
            .doc("A Keras 3 model with its weights (`model.save(\"model.keras\")`), fine-tuned as `dl4j_model` is.");
    /** Where the networks come from: one of these fields, or the section left out for the built-in family. */
    public static final SpecSection SECTION = new SpecSection(FIELD, ZOO, DL4J_JSON, KERAS_JSON, BUILDER,
            DL4J_MODEL, KERAS_MODEL);

    private NetworkSources() {
    }

    /** The source {@code node} names; null reads as the built-in family. */
    public static NetworkSource read(JsonNode node) {
        if (node == null || node.isNull()) {
            return BuiltInNetwork.INSTANCE;
        }
        if (!node.isObject() || node.size() != 1) {
            throw new SpecException(FIELD, "must be an object of one field, one of " + String.join(", ",
                    SECTION.fields().stream().map(SpecField::name).toList()) + ", e.g. {\"zoo\": \"simplecnn\"};"
                    + " got " + node);
        }
        SECTION.requireKnown(node);
        String kind = node.fieldNames().next();
        String field = FIELD + "." + kind;
        SpecField<?> declared = SECTION.field(kind).orElseThrow();
        JsonNode value = node.get(kind);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw declared.refusal(value);
        }
        String text = value.asText();
        try {
            return switch (kind) {
                case "zoo" -> ZooNetwork.named(text);
                case "dl4j_json" -> dl4jJson(text);
                case "keras_json" -> KerasNetwork.fromJson(text, new String(read(text), StandardCharsets.UTF_8));
                case "dl4j_model" -> dl4jModel(text);
                case "keras_model" -> KerasNetwork.withWeights(text, read(text));
                default -> new BuilderNetwork(text);
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SpecException(field, e.getMessage());
        }
    }

    private static ConfigurationNetwork dl4jJson(String path) {
        String json = new String(read(path), StandardCharsets.UTF_8);
        try {
            Network.configurationFromJson(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path + " is not a DL4J network configuration: " + firstLine(e));
        }
        return new ConfigurationNetwork("dl4j_json " + path, json);
    }

    private static PretrainedNetwork dl4jModel(String path) {
        PretrainedNetwork network = new PretrainedNetwork("dl4j_model " + path, read(path));
        try {
            network.restore();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path + " is not a network DL4J's ModelSerializer can read: "
                    + firstLine(e));
        }
        return network;
    }

    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static byte[] read(String path) {
        try (InputStream in = DataFiles.fileSystem(path).open(new Path(path))) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(path + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
        }
    }
}

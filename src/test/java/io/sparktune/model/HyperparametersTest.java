package io.sparktune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparktune.results.TableSchemas;
import io.sparktune.space.Choice;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecJson;
import io.sparktune.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Everything derived from the registry follows it, so a new hyperparameter needs only its declaration (and
 * its use where the network is built): the spec reads it, the tables have its column, journals keep it,
 * and the README documents it.
 */
class HyperparametersTest {
    private static DataType sparkType(Hyperparameter<?> h) {
        return switch (h.kind()) {
            case REAL -> DataTypes.DoubleType;
            case INTEGER -> DataTypes.IntegerType;
            case CATEGORICAL -> DataTypes.StringType;
            case BOOLEAN -> DataTypes.BooleanType;
        };
    }

    @Test
    void everyHyperparameterHasItsColumnInTheTrialsAndFinalTables() {
        for (StructType table : List.of(TableSchemas.TRIALS, TableSchemas.FINAL)) {
            for (Hyperparameter<?> h : Hyperparameters.ALL) {
                assertEquals(sparkType(h), table.apply(h.specName()).dataType(), h.specName());
            }
        }
    }

    /** A value other than the default that the registry accepts, so reading it proves the field is read. */
    private static Object otherValue(Hyperparameter<?> h) {
        Object d = h.defaultValue();
        List<Object> tries = new java.util.ArrayList<>(h.allowedValues());
        if (d instanceof Boolean b) {
            tries.add(!b);
        } else if (d instanceof Integer i) {
            tries.addAll(List.of(i + 1, i * 2, i - 1, 1, 2, 3));
        } else if (d instanceof Double x) {
            tries.addAll(List.of(x * 2, x / 2, x + 0.1, 0.5, 0.1, 0.001));
        } else if (d instanceof String) {
            tries.add("48"); // a list of block widths: one, for the one conv block of the reference CNN
        }
        for (Object value : tries) {
            if (value.equals(d)) {
                continue;
            }
            try {
                h.check(value, h.specName());
                return value;
            } catch (RuntimeException refused) {
                // not valid for this field: the next
            }
        }
        throw new AssertionError("no other valid value found for " + h.specName());
    }

    /** The reference CNN with its weights, saved as DL4J does, for the hyperparameters of fine-tuning. */
    private static String savedNetwork() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("reference", ".zip");
            file.toFile().deleteOnExit();
            org.deeplearning4j.util.ModelSerializer.writeModel(CnnFactory.build(ModelConfig.REFERENCE,
                    new NetworkInput(new io.sparktune.data.ImageShape(3, 32, 32), 10, 1, 1, null), 1), file.toFile(),
                    false);
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyHyperparameterCanBeSetAndSearchedInASpec() {
        for (Hyperparameter<?> h : Hyperparameters.ALL) {
            Object other = otherValue(h);
            String value = SpecJson.mapper().valueToTree(h.column(other)).toString();
            // Enough epochs for the fields bounded by them (warm-up, patience).
            String epochs = h == Hyperparameters.EPOCHS ? "" : "\"epochs\": 8, ";
            // What a setting needs beside it to do anything, which the spec reader insists on.
            epochs += java.util.Map.of(Hyperparameters.ALTERNATE_FLIP, "\"augment_flip\": true, ",
                    Hyperparameters.MOMENTUM, "\"optimizer\": \"nesterovs\", ",
                    Hyperparameters.BATCH_NORM_MOMENTUM, "\"batch_norm\": true, ",
                    Hyperparameters.LOOKAHEAD_ALPHA, "\"lookahead_steps\": 5, ").getOrDefault(h, "");
            if (h.networks() == Hyperparameter.Networks.PRETRAINED) {
                epochs += "\"network\": {\"dl4j_model\": \"" + savedNetwork() + "\"}, ";
            }
            SearchSpec spec = new SpecReader().read("""
                    {"data": {"kind": "cifar10", "path": "/x"}, "model": {%3$s"%1$s": %2$s},
                     "search": {"space": {"%1$s": [%2$s]}}}""".formatted(h.specName(), value, epochs), "s.json",
                    "s", List.of());
            assertEquals(other, spec.model().get(h), h.specName() + " read from the model section");
            assertEquals(List.of(other), ((Choice) spec.space().domains().get(h)).values(), h.specName());
            assertTrue(h.doc().endsWith("."), h.specName() + " has a one-line description");
        }
    }

    @Test
    void aConfigSurvivesTheJournalsJsonWithEveryField() throws Exception {
        ModelConfig config = ModelConfig.REFERENCE.with(Hyperparameters.ACTIVATION, Activation.TANH)
                .with(Hyperparameters.DROPOUT, 0.25).with(Hyperparameters.AUGMENT_FLIP, true);
        JsonNode json = SpecJson.mapper().valueToTree(config);
        assertEquals(Hyperparameters.ALL.size(), json.size());
        assertEquals("tanh", json.get("activation").asText());
        assertEquals(config, SpecJson.mapper().treeToValue(json, ModelConfig.class));
        assertEquals(List.of(Hyperparameters.ACTIVATION, Hyperparameters.DROPOUT, Hyperparameters.AUGMENT_FLIP),
                config.differences(ModelConfig.REFERENCE));
    }

    @Test
    void theReadmeTableIsTheRegistrys() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(HyperparameterDocs.markdownTable()),
                "README.md must hold the table that `sparktune hyperparameters` prints:\n"
                        + HyperparameterDocs.markdownTable());
    }
}

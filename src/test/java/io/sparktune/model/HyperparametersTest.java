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

    @Test
    void everyHyperparameterCanBeSetAndSearchedInASpec() {
        for (Hyperparameter<?> h : Hyperparameters.ALL) {
            String value = SpecJson.mapper().valueToTree(h.column(h.defaultValue())).toString();
            SearchSpec spec = new SpecReader().read("""
                    {"data": {"kind": "cifar10", "path": "/x"}, "model": {"%1$s": %2$s},
                     "search": {"space": {"%1$s": [%2$s]}}}""".formatted(h.specName(), value), "s.json", "s",
                    List.of());
            assertEquals(h.defaultValue(), spec.model().get(h), h.specName());
            assertEquals(List.of(h.defaultValue()), ((Choice) spec.space().domains().get(h)).values(), h.specName());
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

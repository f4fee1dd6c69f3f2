package io.sparktune.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.input.SpecException;
import io.sparktune.input.UserInputException;
import io.sparktune.model.Activation;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.Optimizer;
import io.sparktune.space.Choice;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecReaderTest {
    private static final String VALID = """
            {
              "data": {"kind": "cifar10", "path": "/data/cifar"},
              "model": {"epochs": 2},
              "search": {"strategy": "grid", "space": {"learning_rate": [0.001, 0.01], "activation": ["relu", "Tanh"]}},
              "output": "out/x"
            }""";

    private static SearchSpec read(String json, String... overrides) {
        return new SpecReader().read(json, "test.json", "test", List.of(overrides));
    }

    private static SpecException error(String json, String... overrides) {
        return assertThrows(SpecException.class, () -> read(json, overrides));
    }

    @Test
    void confirmationIsOnFromEightTrialsUnlessTheSpecSaysOtherwise() {
        assertEquals(ConfirmSpec.AUTO, read(VALID).confirm());
        assertEquals(ConfirmSpec.OFF, read(VALID, "search.confirm=false").confirm());
        assertEquals(new ConfirmSpec(3, 2, true), read(VALID, "search.confirm=true").confirm());
        assertEquals(new ConfirmSpec(5, 2, true), read(VALID, "search.confirm={\"top\": 5}").confirm());
        assertEquals("search.confirm.top", error(VALID, "search.confirm={\"top\": 1.5}").field());
    }

    @Test
    void theShippedSpecsParse() {
        SearchSpec quick = new SpecReader().read(Path.of("conf/quick.json"), List.of());
        assertEquals("quick", quick.name());
        assertEquals(4000, quick.data().maxTrainImages());
        SearchSpec reference = new SpecReader().read(Path.of("conf/reference-grid.json"), List.of());
        assertEquals(ModelConfig.REFERENCE, reference.model());
        assertEquals(List.of(0.001, 0.01, 0.1),
                ((Choice) reference.space().domains().get(Hyperparameters.LEARNING_RATE)).values());
    }

    @Test
    void everySpecInConfParses() throws Exception {
        try (var files = java.nio.file.Files.list(Path.of("conf"))) {
            List<Path> specs = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertTrue(specs.size() >= 6, specs.toString());
            for (Path spec : specs) {
                assertTrue(new SpecReader().read(spec, List.of()).space().domains().size() >= 1, spec.toString());
            }
        }
    }

    @Test
    void modelDefaultsAreTheReferenceCnnWithTheSpecsChangesLaidOver() {
        SearchSpec spec = read(VALID);
        assertEquals(2, spec.model().get(Hyperparameters.EPOCHS));
        assertEquals(0.001, spec.model().get(Hyperparameters.LEARNING_RATE));
        assertEquals(64, spec.model().get(Hyperparameters.BATCH_SIZE));
        assertEquals(32, spec.model().get(Hyperparameters.FILTERS));
        assertEquals(Activation.RELU, spec.model().get(Hyperparameters.ACTIVATION));
        assertEquals(Optimizer.ADAM, spec.model().get(Hyperparameters.OPTIMIZER));
        assertEquals(0.2, spec.data().validationFraction());
        assertEquals(42L, spec.execution().seed());
        assertEquals(1, spec.execution().threadsPerTrial());
    }

    @Test
    void activationsAreReadWhateverTheirSpelling() {
        Choice activations = (Choice) read(VALID).space().domains().get(Hyperparameters.ACTIVATION);
        assertEquals(List.of(Activation.RELU, Activation.TANH), activations.values());
        assertEquals(Activation.LEAKYRELU, Activation.fromSpec("Leaky ReLU"));
    }

    @Test
    void commandLineOverridesReplaceFieldsAndAreCheckedLikeTheFile() {
        SearchSpec spec = read(VALID, "data.path=/elsewhere", "model.batch_size=32",
                "search.space.filters=[16,32]", "output=out/y");
        assertEquals("/elsewhere", spec.data().path());
        assertEquals(32, spec.model().get(Hyperparameters.BATCH_SIZE));
        assertEquals(List.of(16, 32), ((Choice) spec.space().domains().get(Hyperparameters.FILTERS)).values());
        assertEquals("out/y", spec.output());
        assertEquals("model.batch_size", error(VALID, "model.batch_size=0").field());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level field          | "colour": 1                                  | colour              | allowed: data, description
            unknown model field              | "model": {"epoch": 3}                        | model.epoch         | allowed: learning_rate, batch_size
            learning rate zero               | "model": {"learning_rate": 0}                | model.learning_rate | must be a number > 0
            learning rate negative           | "model": {"learning_rate": -0.1}             | model.learning_rate | must be a number > 0
            learning rate as a string        | "model": {"learning_rate": "0.1"}            | model.learning_rate | expected a number
            batch size not whole             | "model": {"batch_size": 64.5}                | model.batch_size    | expected a whole number
            unknown activation               | "model": {"activation": "swish"}             | model.activation    | allowed: relu, sigmoid, tanh, leakyrelu
            unknown optimizer                | "model": {"optimizer": "adagrad"}            | model.optimizer     | allowed: adam, sgd, nesterovs, rmsprop
            dropout of one                   | "model": {"dropout": 1.0}                    | model.dropout       | must be in [0, 1)
            negative l2                      | "model": {"l2": -1}                          | model.l2            | must be a number >= 0
            zero epochs                      | "model": {"epochs": 0}                       | model.epochs        | from 1 to 10000
            unknown data kind                | "data": {"kind": "imagenet", "path": "/x"}   | data.kind           | allowed: cifar10
            missing data path                | "data": {"kind": "cifar10"}                  | data.path           | is required
            validation fraction of one       | "data": {"kind": "cifar10", "path": "/x", "validation_fraction": 1} | data.validation_fraction | between 0 and 1
            unknown data field               | "data": {"kind": "cifar10", "path": "/x", "folder": "/y"} | data.folder | is not a known field
            zero threads                     | "execution": {"threads_per_trial": 0}        | execution.threads_per_trial | from 1 to 256
            seed as text                     | "execution": {"seed": "abc"}                 | execution.seed      | expected a whole number
            unknown strategy                 | "search": {"strategy": "bayes", "space": {"epochs": [1]}} | search.strategy | allowed: grid
            empty grid                       | "search": {"space": {"learning_rate": []}}   | search.space.learning_rate | empty list
            empty space                      | "search": {"space": {}}                      | search.space        | at least one hyperparameter
            grid value not a list            | "search": {"space": {"learning_rate": 0.1}}  | search.space.learning_rate | must be a list of values
            unknown hyperparameter           | "search": {"space": {"beta1": [0.9]}}     | search.space.beta1 | searchable: learning_rate
            bad value inside a grid          | "search": {"space": {"learning_rate": [0.1, 0]}} | search.space.learning_rate[1] | must be a number > 0
            unknown activation in a grid     | "search": {"space": {"activation": ["relu", "swish"]}} | search.space.activation[1] | allowed: relu, sigmoid, tanh, leakyrelu
            a value listed twice             | "search": {"space": {"filters": [16, 16]}}   | search.space.filters[1] | a second time
            """)
    void badSpecsNameTheFieldAndWhatIsAllowed(String what, String replacement, String field, String hint) {
        String json = withSection(replacement);
        SpecException e = error(json);
        assertEquals(field, e.field(), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(hint), what + ": '" + e.getMessage() + "' should mention '" + hint + "'");
    }

    @Test
    void malformedJsonNamesTheFileAndLine() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> read("{\n  \"data\": {\"kind\": \"cifar10\",,}\n}"));
        assertTrue(e.getMessage().contains("test.json is not valid JSON at line 2"), e.getMessage());
    }

    @Test
    void duplicateKeysAreRefused() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> read("{\"output\": \"a\", \"output\": \"b\"}"));
        assertTrue(e.getMessage().contains("Duplicate field 'output'"), e.getMessage());
    }

    @Test
    void aMissingSpecFileIsNamed() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> new SpecReader().read(Path.of("conf/nope.json"), List.of()));
        assertEquals("spec file conf/nope.json does not exist", e.getMessage());
    }

    @Test
    void aSpecIsReadFromAHadoopUriAndAMissingOneIsNamed() {
        String uri = "file:" + Path.of("conf/quick.json").toAbsolutePath();
        SearchSpec quick = new SpecReader().read(uri, List.of());
        assertEquals("quick", quick.name());
        assertEquals(new SpecReader().read(Path.of("conf/quick.json"), List.of()).space(), quick.space());
        String missing = "file:" + Path.of("conf/nope.json").toAbsolutePath();
        UserInputException e = assertThrows(UserInputException.class,
                () -> new SpecReader().read(missing, List.of()));
        assertEquals("spec file " + missing + " does not exist", e.getMessage());
        assertEquals("spec file conf/nope.json does not exist",
                assertThrows(UserInputException.class, () -> new SpecReader().read("conf/nope.json", List.of()))
                        .getMessage(), "a plain path as before");
    }

    /** The valid spec with one section (or a new top-level field) replaced by {@code replacement}. */
    private static String withSection(String replacement) {
        String key = replacement.substring(1, replacement.indexOf('"', 1));
        String base = VALID;
        String[] lines = base.split("\n");
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        for (String line : lines) {
            if (line.strip().startsWith("\"" + key + "\"")) {
                out.append("  ").append(replacement).append(line.strip().endsWith(",") ? "," : "").append('\n');
                replaced = true;
            } else {
                out.append(line).append('\n');
            }
        }
        if (!replaced) {
            out.insert(out.indexOf("{") + 1, "\n  " + replacement + ",");
        }
        return out.toString();
    }
}

package io.sparktune.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.DataSpec;
import io.sparktune.data.ImageColor;
import io.sparktune.data.ResizeMode;
import io.sparktune.input.SpecException;
import io.sparktune.input.SpecField;
import io.sparktune.input.SpecSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec's fields are declared once: the reader, the records, a resume and the README all go by them. */
class SpecSectionsTest {
    private static final Map<SpecSection, Class<? extends Record>> BOUND = Map.of(DataSpec.SECTION, DataSpec.class,
            ExecutionSpec.SECTION, ExecutionSpec.class, Budget.SECTION, Budget.class,
            TpeSettings.SECTION, TpeSettings.class, Halving.SECTION, Halving.class);

    /** A spec in which every section may appear: TPE candidates under halving, images from a folder. */
    private static final String EVERY_SECTION = """
            {"data": {"kind": "image_folder", "path": "/data/pets"},
             "search": {"strategy": "halving", "trials": 9, "space": {"learning_rate": [0.001, 0.01]},
                        "halving": {"max_epochs": 9, "sampler": "tpe"}}}""";

    private static SearchSpec read(String... overrides) {
        return new SpecReader().read(EVERY_SECTION, "test.json", "test", List.of(overrides));
    }

    @Test
    void theReadmeReferenceIsTheRegistrys() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(SpecDocs.markdownTable()),
                "README.md must hold the table that `sparktune spec-fields` prints:\n" + SpecDocs.markdownTable());
    }

    @Test
    void aSectionBoundToARecordDeclaresEachOfItsComponentsAndNoMore() {
        BOUND.forEach((section, type) -> {
            Set<String> components = Arrays.stream(type.getRecordComponents())
                    .map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> declared = section.fields().stream().map(SpecField::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(components, declared, section.path());
        });
    }

    @Test
    void aFieldLeftOutTakesItsDeclaredDefault() {
        SearchSpec spec = read();
        Map<SpecSection, Record> bound = Map.of(ExecutionSpec.SECTION, spec.execution(),
                TpeSettings.SECTION, spec.tpe(), Halving.SECTION, spec.halving());
        bound.forEach((section, record) -> {
            for (var component : record.getClass().getRecordComponents()) {
                SpecField<?> field = section.fields().stream()
                        .filter(f -> f.name().equals(component.getName().replaceAll("([A-Z])", "_$1")
                                .toLowerCase(java.util.Locale.ROOT)))
                        .findFirst().orElseThrow();
                if (field.defaultValue() != null && !field.path().equals(Halving.SAMPLER.path())) {
                    Object value;
                    try {
                        value = component.getAccessor().invoke(record);
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                    assertEquals(field.defaultValue(), value, field.path());
                }
            }
        });
        // The fields of one kind of data stay null in the record (so another kind's spec that sets them is
        // refused); the data's accessors give the declared defaults.
        DataSpec data = spec.data();
        assertEquals(DataSpec.IMAGE_SIZE.defaultValue(), data.imageSide());
        assertEquals(ImageColor.RGB, data.colorMode());
        assertEquals(ResizeMode.CENTER_CROP, data.resizeMode());
        assertEquals(DataSpec.TEST_FRACTION.defaultValue(), data.heldOutTestFraction());
        assertEquals(DataSpec.VALIDATION_FRACTION.defaultValue(), data.validationFraction());
        SearchSpec grid = new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "/data/cifar"}, "search": {"space": {"filters": [16, 32]}}}""",
                "grid.json", "grid", List.of());
        assertEquals(SpecSections.STRATEGY.defaultValue(), grid.strategy());
        assertEquals(ConfirmSpec.TOP.defaultValue(), spec.confirm().top());
        assertEquals(SpecSections.OBJECTIVE.defaultValue(), spec.objective());
        assertTrue(spec.baseline());
    }

    static Stream<SpecField<?>> boundedFields() {
        return SpecSections.ALL.stream().flatMap(s -> s.fields().stream())
                .filter(f -> f.rule().matches(".*from \\d+ to \\d+.*"));
    }

    /** One past the declared upper end is refused, naming the field and quoting its rule. */
    @ParameterizedTest
    @MethodSource("boundedFields")
    void aValuePastTheDeclaredRangeIsRefusedWithTheDeclaredRule(SpecField<?> field) {
        Matcher range = Pattern.compile("from (\\d+) to (\\d+)").matcher(field.rule());
        assertTrue(range.find());
        long tooHigh = Long.parseLong(range.group(2)) + 1;
        String path = field.path().replace("<field>", "learning_rate");
        List<String> overrides = field.path().contains("<field>")
                ? List.of("search.space.learning_rate={\"low\": 0.001, \"high\": 0.01, \"" + field.name() + "\": "
                        + tooHigh + "}")
                : List.of(path + "=" + tooHigh);
        SpecException refusal = assertThrows(SpecException.class,
                () -> new SpecReader().read(EVERY_SECTION, "test.json", "test", overrides));
        assertEquals(path, refusal.field(), refusal.getMessage());
        assertTrue(refusal.problem().startsWith("must be " + field.rule()), refusal.getMessage());
    }

    @Test
    void anUnknownFieldIsRefusedListingTheSectionsFields() {
        SpecException refusal = assertThrows(SpecException.class, () -> read("execution.seeds=3"));
        assertEquals("execution.seeds", refusal.field());
        assertTrue(refusal.problem().endsWith("allowed: master, parallel_trials, seed, spark_ui, threads_per_trial,"
                + " trial_order"), refusal.problem());
        refusal = assertThrows(SpecException.class, () -> read("search.confirm={\"repeats\": 3}"));
        assertEquals("search.confirm.repeats", refusal.field());
        assertTrue(refusal.problem().endsWith("allowed: seeds, top"), refusal.problem());
    }

    @Test
    void aRerunMayChangeOnlyTheFieldsDeclaredSo() {
        List<String> mayChange = SpecSections.mayChangeOnResume();
        assertTrue(mayChange.containsAll(List.of("output", "search.budget.minutes", "execution.parallel_trials",
                "search.confirm")), mayChange.toString());
        assertTrue(!mayChange.contains("execution.seed") && !mayChange.contains("data.path"), mayChange.toString());
    }
}

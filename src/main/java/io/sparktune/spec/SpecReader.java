package io.sparktune.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.data.DataFiles;
import io.sparktune.data.DataSpec;
import io.sparktune.input.SpecException;
import io.sparktune.input.SpecName;
import io.sparktune.input.UserInputException;
import io.sparktune.model.Hyperparameter;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.UserHyperparameters;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.network.NetworkSource;
import io.sparktune.network.NetworkSources;
import io.sparktune.space.Choice;
import io.sparktune.space.Domain;
import io.sparktune.space.Range;
import io.sparktune.space.SearchSpace;
import io.sparktune.trial.Objective;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a search spec: JSON text, then {@code section.field=value} overrides from the command line, then
 * strict binding and validation of every section. Nothing is defaulted silently except what the README
 * documents as a default.
 */
public final class SpecReader {

    /**
     * A spec from a local path or a Hadoop URI ({@code hdfs://}, {@code s3a://}, {@code file:}): in cluster
     * deploy mode the driver runs on a host where the user's files are not, so the spec may live beside the
     * data, or be shipped with {@code --files} and named by its file name.
     */
    public SearchSpec read(String location, List<String> overrides) {
        if (!location.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            return read(Path.of(location), overrides);
        }
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        boolean exists;
        try {
            exists = DataFiles.fileSystem(location).exists(path);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("spec file " + location + " cannot be read: " + e.getMessage());
        }
        if (!exists) {
            throw new UserInputException("spec file " + location + " does not exist");
        }
        byte[] bytes = DataFiles.readAll(path.getParent().toString(), path.getName());
        return read(new String(bytes, StandardCharsets.UTF_8), location,
                path.getName().replaceFirst("\\.json$", ""), overrides);
    }

    public SearchSpec read(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserInputException("spec file " + file + " does not exist");
        } catch (IOException e) {
            throw new UserInputException("spec file " + file + " cannot be read: " + e.getMessage());
        }
        String defaultName = file.getFileName().toString().replaceFirst("\\.json$", "");
        return read(text, file.toString(), defaultName, overrides);
    }

    public SearchSpec read(String text, String source, String defaultName, List<String> overrides) {
        JsonNode root = SpecJson.parse(text, "spec file " + source);
        if (!root.isObject()) {
            throw new UserInputException("spec file " + source + " must hold a JSON object, got "
                    + SpecJson.describe(root));
        }
        ObjectNode spec = (ObjectNode) root;
        for (String override : overrides) {
            SpecOverride.apply(spec, override);
        }
        SpecSections.TOP.requireKnown(spec);

        String name = spec.has("name") ? SpecSections.NAME.check(text(spec.get("name"), "name")) : defaultName;
        if (spec.has("description")) {
            text(spec.get("description"), "description");
        }
        DataSpec data = SpecJson.bind(section(spec, "data", true), DataSpec.class, "data.").validate();
        JsonNode modelSection = section(spec, "model", false).deepCopy();
        NetworkSource network = modelSection.isObject()
                ? NetworkSources.read(((ObjectNode) modelSection).remove("network")) : BuiltInNetwork.INSTANCE;
        // A copy: a frozen layer's name becomes its count here, while the source keeps what the user wrote.
        JsonNode search = section(spec, "search", true).deepCopy();
        NetworkFields.frozenLayerNamesAsCounts(network, modelSection, search);
        ModelConfig model = ModelConfig.REFERENCE.overlay(modelSection, "model.");
        SpecSections.SEARCH_SECTION.requireKnown(search);
        String strategyField = SpecSections.STRATEGY.path();
        Strategy strategy = search.has("strategy")
                ? Strategy.fromSpec(text(search.get("strategy"), strategyField), strategyField)
                : SpecSections.STRATEGY.defaultValue();
        List<ModelConfig> manual = manual(search.get("manual"), model);
        SearchSpace space = strategy == Strategy.MANUAL && search.get("space") == null
                ? new SearchSpace(Map.of()) : space(search.get("space"));
        NetworkFields.refuseWhatTheNetworkIgnores(network, modelSection, space, search.get("manual"));
        ModelConfig withUsers = NetworkFields.withUserBaseline(network, model, space, manual);
        List<ModelConfig> completed = manual.stream().map(m -> NetworkFields.withUserDefaults(m, withUsers)).toList();
        model = withUsers;
        manual = completed;
        Integer trials = trials(search.get("trials"), strategy);
        checkStrategyFits(strategy, space, manual, trials != null);
        boolean baseline = SpecSections.BASELINE.defaultValue();
        if (search.has("baseline")) {
            if (!search.get("baseline").isBoolean()) {
                throw SpecSections.BASELINE.refusal(SpecJson.describe(search.get("baseline")));
            }
            baseline = search.get("baseline").asBoolean();
        }
        Budget budget = SpecJson.bind(search.has("budget") ? search.get("budget")
                : SpecJson.mapper().createObjectNode(), Budget.class, "search.budget.").validate();
        ExecutionSpec execution = SpecJson.bind(section(spec, "execution", false), ExecutionSpec.class,
                "execution.").validate();
        FinalCheckSpec finalCheck = SpecJson.bind(section(spec, "final_check", false), FinalCheckSpec.class,
                "final_check.").validate();
        String output = spec.has("output") ? text(spec.get("output"), "output") : "out/" + name;
        if (output.isBlank()) {
            throw new SpecException("output", "must name a folder, e.g. out/" + name);
        }
        Halving halving = null;
        if (strategy == Strategy.HALVING) {
            halving = SpecJson.bind(search.has("halving") ? search.get("halving")
                    : SpecJson.mapper().createObjectNode(), Halving.class, "search.halving.").validate();
        } else if (search.has("halving")) {
            throw new SpecException(SpecSections.HALVING.path(), "applies to strategy halving only, not " + strategy);
        }
        boolean modelBased = SearchSpec.modelBased(strategy, halving);
        TpeSettings tpe = null;
        if (modelBased) {
            tpe = SpecJson.bind(search.has("tpe") ? search.get("tpe") : SpecJson.mapper().createObjectNode(),
                    TpeSettings.class, "search.tpe.").validate();
        } else if (search.has("tpe")) {
            throw new SpecException(SpecSections.TPE.path(), "applies to strategy tpe and to halving with"
                    + " \"sampler\": \"tpe\" only, not " + strategy + (halving != null ? " with sampler " + halving.sampler() : ""));
        }
        if (halving != null && halving.sampler() == CandidateSampler.TPE && trials == null) {
            throw new SpecException(SpecSections.TRIALS.path(), "halving with \"sampler\": \"tpe\" needs the"
                    + " number of candidates TPE proposes, e.g. 81");
        }
        Objective objective = SpecSections.OBJECTIVE.defaultValue();
        if (search.has("objective")) {
            try {
                objective = SpecName.parse(Objective.class,
                        text(search.get("objective"), SpecSections.OBJECTIVE.path()), "objective");
            } catch (IllegalArgumentException e) {
                throw new SpecException(SpecSections.OBJECTIVE.path(), e.getMessage());
            }
        }
        List<String> warmStart = warmStart(search.get("warm_start"), modelBased, strategy);
        ConfirmSpec confirm = ConfirmSpec.read(search.get("confirm"));
        SearchSpec read = new SearchSpec(name, data, model, network, strategy, space, trials, objective, manual, baseline,
                budget, halving, tpe, warmStart, confirm, execution, finalCheck, output, spec.toPrettyString());
        Combinations.check(read);
        return read;
    }

    private static Integer trials(JsonNode node, Strategy strategy) {
        if (node == null) {
            if (strategy == Strategy.RANDOM) {
                throw new SpecException(SpecSections.TRIALS.path(),
                        "random search needs the number of trials to draw, e.g. 20");
            }
            if (strategy == Strategy.TPE) {
                throw new SpecException(SpecSections.TRIALS.path(),
                        "tpe needs the number of trials to propose, e.g. 50");
            }
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw SpecSections.TRIALS.refusal(SpecJson.describe(node));
        }
        SpecSections.TRIALS.check(node.asInt());
        if (strategy != Strategy.RANDOM && strategy != Strategy.HALVING && strategy != Strategy.TPE) {
            throw new SpecException(SpecSections.TRIALS.path(), "applies to random search, tpe and halving only, not "
                    + strategy);
        }
        return node.asInt();
    }

    /** Explicit configurations, each laid over the defaults like a trial's searched values. */
    private static List<ModelConfig> manual(JsonNode node, ModelConfig defaults) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new SpecException(SpecSections.MANUAL.path(), "must be a non-empty list of model settings, e.g. "
                    + "[{\"learning_rate\": 0.003, \"activation\": \"tanh\"}]");
        }
        List<ModelConfig> configs = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "search.manual[" + i + "].";
            ModelConfig config = defaults.overlay(node.get(i), field);
            if (configs.contains(config)) {
                throw new SpecException("search.manual[" + i + "]", "repeats an earlier manual configuration");
            }
            configs.add(config);
        }
        return List.copyOf(configs);
    }

    private static void checkStrategyFits(Strategy strategy, SearchSpace space, List<ModelConfig> manual,
                                          boolean randomCandidates) {
        if (strategy == Strategy.MANUAL && manual.isEmpty()) {
            throw new SpecException(SpecSections.MANUAL.path(), "manual search needs at least one configuration");
        }
        if (strategy == Strategy.GRID || (strategy == Strategy.HALVING && !randomCandidates)) {
            space.domains().forEach((parameter, domain) -> {
                if (domain instanceof Range range && range.points() == null) {
                    throw new SpecException("search.space." + parameter.specName(), "grid search needs a list of "
                            + "values or a range with \"points\" (the number of grid values)");
                }
            });
        }
    }

    private static SearchSpace space(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new SpecException(SpecSections.SPACE.path(), "must be a JSON object naming at least one"
                    + " hyperparameter with a list of values, e.g. {\"learning_rate\": [0.001, 0.01]}; searchable: "
                    + Hyperparameters.allowed());
        }
        Map<Hyperparameter<?>, Domain> domains = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            String field = "search.space." + entry.getKey();
            Hyperparameter<?> parameter = UserHyperparameters.isUser(entry.getKey())
                    ? UserHyperparameters.declared(entry.getKey(), entry.getValue(), field)
                    : Hyperparameters.fromSpec(entry.getKey(), field);
            domains.put(parameter, entry.getValue().isObject()
                    ? range(parameter, entry.getValue(), field)
                    : choice(parameter, entry.getValue(), field));
        }
        return new SearchSpace(domains);
    }

    /** A distribution; both ends are checked exactly as a trial would use them. */
    private static Range range(Hyperparameter<?> parameter, JsonNode node, String field) {
        SpecSections.RANGE.requireKnown(node, field);
        if (!parameter.isNumeric()) {
            throw new SpecException(field, "takes a list of values, not a range: it is not a number");
        }
        boolean integer = parameter.kind() == Hyperparameter.Kind.INTEGER;
        double low = rangeEnd(parameter, node.get("low"), field + ".low", integer);
        double high = rangeEnd(parameter, node.get("high"), field + ".high", integer);
        if (!(low < high)) {
            throw new SpecException(field, "low (" + node.get("low") + ") must be below high (" + node.get("high") + ")");
        }
        boolean log = false;
        if (node.has("log")) {
            if (!node.get("log").isBoolean()) {
                throw new SpecException(field + ".log", "expected true or false, got " + SpecJson.describe(node.get("log")));
            }
            log = node.get("log").asBoolean();
            if (log && low <= 0) {
                throw new SpecException(field + ".low", "must be above 0 for a log range, got " + node.get("low"));
            }
        }
        Double step = null;
        if (node.has("step")) {
            if (!node.get("step").isNumber() || !SpecSections.STEP.allows(node.get("step").asDouble())) {
                throw SpecSections.STEP.refusalAt(field + ".step", SpecJson.describe(node.get("step")));
            }
            step = node.get("step").asDouble();
            checkStep(field, low, high, log, integer, step);
        }
        Integer points = null;
        if (node.has("points")) {
            if (!node.get("points").isIntegralNumber() || !node.get("points").canConvertToInt()
                    || !SpecSections.POINTS.allows(node.get("points").asInt())) {
                throw SpecSections.POINTS.refusalAt(field + ".points", SpecJson.describe(node.get("points")));
            }
            points = node.get("points").asInt();
        }
        return new Range(low, high, log, integer, step, points);
    }

    /** A step lays a grid from low to high: both ends on it, and no log scale to bend it (as in Optuna). */
    private static void checkStep(String field, double low, double high, boolean log, boolean integer, double step) {
        if (log) {
            throw new SpecException(field + ".step", "cannot be combined with \"log\": steps are evenly spaced;"
                    + " drop one of them");
        }
        if (integer && step != Math.rint(step)) {
            throw new SpecException(field + ".step", "must be a whole number for a whole-number field, got " + step);
        }
        double steps = (high - low) / step;
        if (Math.abs(steps - Math.rint(steps)) > 1e-9 * Math.max(1, steps)) {
            throw new SpecException(field + ".step", String.format(java.util.Locale.ROOT, "(%s) does not divide"
                    + " high - low (%s), so high would be off the grid; use high %s or %s",
                    number(step), number(high - low), number(low + Math.floor(steps) * step),
                    number(low + Math.ceil(steps) * step)));
        }
    }

    private static String number(double value) {
        return new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.12g", value)).stripTrailingZeros()
                .toPlainString();
    }

    private static double rangeEnd(Hyperparameter<?> parameter, JsonNode end, String field, boolean integer) {
        if (end == null || !end.isNumber() || (integer && !end.isIntegralNumber())) {
            throw new SpecException(field, "is required: " + (integer ? "a whole number" : "a number")
                    + ", got " + SpecJson.describe(end));
        }
        return ((Number) parameter.parse(end, field)).doubleValue();
    }

    /** Each listed value is checked exactly as the trial will use it. */
    private static Choice choice(Hyperparameter<?> parameter, JsonNode list, String field) {
        if (!list.isArray()) {
            throw new SpecException(field, "must be a list of values, e.g. [" + example(parameter)
                    + "], or a range object such as {\"low\": 0.0001, \"high\": 0.1, \"log\": true}, got "
                    + SpecJson.describe(list));
        }
        if (list.isEmpty()) {
            throw new SpecException(field, "is an empty list; give at least one value");
        }
        List<Object> values = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String itemField = field + "[" + i + "]";
            Object value = parameter.parse(list.get(i), itemField);
            if (!seen.add(value)) {
                throw new SpecException(itemField, "lists " + parameter.column(value) + " a second time");
            }
            values.add(value);
        }
        return new Choice(values);
    }

    private static String example(Hyperparameter<?> parameter) {
        return switch (parameter.kind()) {
            case REAL -> "0.001, 0.01";
            case INTEGER -> "32, 64";
            case CATEGORICAL -> "\"" + parameter.column(parameter.defaultValue()) + "\"";
            case BOOLEAN -> "false, true";
        };
    }

    private static JsonNode section(ObjectNode spec, String name, boolean required) {
        JsonNode node = spec.get(name);
        if (node == null) {
            if (required) {
                throw new SpecException(name, "is required");
            }
            return SpecJson.mapper().createObjectNode();
        }
        if (!node.isObject()) {
            throw new SpecException(name, "must be a JSON object, got " + SpecJson.describe(node));
        }
        return node;
    }

    /** Earlier output folders, e.g. ["out/earlier"]; read (and checked) when the search starts. */
    private static List<String> warmStart(JsonNode node, boolean modelBased, Strategy strategy) {
        if (node == null) {
            return List.of();
        }
        if (!modelBased) {
            throw new SpecException(SpecSections.WARM_START.path(), "feeds earlier trials to TPE's model: it"
                    + " applies to strategy tpe and to halving with \"sampler\": \"tpe\" only, not " + strategy);
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new SpecException(SpecSections.WARM_START.path(), "must be a non-empty list of earlier output"
                    + " folders, e.g. [\"out/earlier\"], got " + SpecJson.describe(node));
        }
        List<String> folders = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            folders.add(text(node.get(i), "search.warm_start[" + i + "]"));
        }
        return List.copyOf(folders);
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new SpecException(field, "expected a string, got " + SpecJson.describe(node));
        }
        return node.asText();
    }
}

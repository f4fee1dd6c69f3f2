package io.sparktune.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.model.ModelConfig;
import io.sparktune.space.Choice;
import io.sparktune.space.Domain;
import io.sparktune.space.Hyperparameter;
import io.sparktune.space.SearchSpace;
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
    private static final Set<String> TOP_LEVEL = Set.of("name", "description", "data", "model", "search",
            "execution", "output");
    private static final Set<String> SEARCH_FIELDS = Set.of("strategy", "space");

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
        requireKnown(spec, "", TOP_LEVEL);

        String name = spec.has("name") ? text(spec.get("name"), "name") : defaultName;
        if (spec.has("description")) {
            text(spec.get("description"), "description");
        }
        DataSpec data = SpecJson.bind(section(spec, "data", true), DataSpec.class, "data.").validate();
        ModelConfig model = SpecJson.overlay(ModelConfig.REFERENCE, section(spec, "model", false), "model.")
                .validate("model.");
        JsonNode search = section(spec, "search", true);
        requireKnown(search, "search.", SEARCH_FIELDS);
        Strategy strategy = Strategy.fromSpec(
                search.has("strategy") ? text(search.get("strategy"), "search.strategy") : "grid",
                "search.strategy");
        SearchSpace space = space(search.get("space"), model);
        ExecutionSpec execution = SpecJson.bind(section(spec, "execution", false), ExecutionSpec.class,
                "execution.").validate();
        String output = spec.has("output") ? text(spec.get("output"), "output") : "out/" + name;
        if (output.isBlank()) {
            throw new SpecException("output", "must name a folder, e.g. out/" + name);
        }
        return new SearchSpec(name, data, model, strategy, space, execution, output, spec.toPrettyString());
    }

    private static SearchSpace space(JsonNode node, ModelConfig defaults) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new SpecException("search.space", "must be a JSON object naming at least one hyperparameter"
                    + " with a list of values, e.g. {\"learning_rate\": [0.001, 0.01]}; searchable: "
                    + Hyperparameter.allowed());
        }
        Map<Hyperparameter, Domain> domains = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            String field = "search.space." + entry.getKey();
            Hyperparameter parameter = Hyperparameter.fromSpec(entry.getKey(), field);
            domains.put(parameter, choice(parameter, entry.getValue(), defaults, field));
        }
        return new SearchSpace(domains);
    }

    /** Each listed value is checked exactly as the trial will use it: laid over the defaults and validated. */
    private static Choice choice(Hyperparameter parameter, JsonNode list, ModelConfig defaults, String field) {
        if (!list.isArray()) {
            throw new SpecException(field, "must be a list of values, e.g. [" + example(parameter)
                    + "], got " + SpecJson.describe(list));
        }
        if (list.isEmpty()) {
            throw new SpecException(field, "is an empty list; give at least one value");
        }
        List<Object> values = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String itemField = field + "[" + i + "]";
            ObjectNode single = SpecJson.mapper().createObjectNode().set(parameter.specName(), list.get(i));
            ModelConfig config;
            try {
                config = SpecJson.overlay(defaults, single, "").validate("");
            } catch (SpecException e) {
                throw new SpecException(itemField, e.problem());
            }
            Object value = parameter.valueIn(config);
            if (!seen.add(value)) {
                throw new SpecException(itemField, "lists " + value + " a second time");
            }
            values.add(value);
        }
        return new Choice(values);
    }

    private static String example(Hyperparameter parameter) {
        return switch (parameter.kind()) {
            case REAL -> "0.001, 0.01";
            case INTEGER -> "32, 64";
            case CATEGORICAL -> "\"" + parameter.valueIn(ModelConfig.REFERENCE) + "\"";
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

    private static void requireKnown(JsonNode node, String prefix, Set<String> allowed) {
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new SpecException(prefix + f, "is not a known field; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        });
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new SpecException(field, "expected a string, got " + SpecJson.describe(node));
        }
        return node.asText();
    }
}

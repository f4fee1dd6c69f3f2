package io.sparktune.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.input.SpecException;
import io.sparktune.model.Hyperparameter;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.network.BuilderNetwork;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.network.NetworkSource;
import io.sparktune.network.PretrainedNetwork;
import io.sparktune.space.Domain;
import io.sparktune.space.Range;
import io.sparktune.space.SearchSpace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec's fields as the network they go to takes them: the built-in family's shape and fine-tuning's
 * frozen layers only where they mean something, and a builder's own {@code user.*} hyperparameters with a
 * value in every configuration.
 */
final class NetworkFields {
    private NetworkFields() {
    }

    /**
     * {@code freeze_layers} given as a layer's name (up to and including it) in the model section, the space
     * or a manual configuration, as the number of layers that is in the network given, so it is searched and
     * stored as a count. Only a network with weights of its own has layers to name.
     */
    static void frozenLayerNamesAsCounts(NetworkSource network, JsonNode model, JsonNode search) {
        if (!(network instanceof PretrainedNetwork pretrained)) {
            return;
        }
        String name = Hyperparameters.FREEZE_LAYERS.specName();
        countsFor(pretrained, model, name, "model." + name);
        countsFor(pretrained, search.path("space"), name, "search.space." + name);
        JsonNode manual = search.path("manual");
        for (int i = 0; i < manual.size(); i++) {
            countsFor(pretrained, manual.get(i), name, "search.manual[" + i + "]." + name);
        }
    }

    private static void countsFor(PretrainedNetwork network, JsonNode parent, String name, String field) {
        JsonNode value = parent.get(name);
        if (!(parent instanceof ObjectNode object) || value == null) {
            return;
        }
        if (value.isTextual()) {
            object.put(name, count(network, value.asText(), field));
        } else if (value instanceof ArrayNode values) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i).isTextual()) {
                    values.set(i, IntNode.valueOf(count(network, values.get(i).asText(), field)));
                }
            }
        }
    }

    private static int count(PretrainedNetwork network, String layer, String field) {
        try {
            return network.layersUpTo(layer);
        } catch (IllegalArgumentException e) {
            throw new SpecException(field, e.getMessage());
        }
    }

    /**
     * The built-in family's architecture hyperparameters mean nothing for a network from elsewhere, which
     * has its own shape, and fine-tuning's mean nothing without weights to start from: naming one for another
     * network in the model section, the space or a manual configuration is refused.
     */
    static void refuseWhatTheNetworkIgnores(NetworkSource network, JsonNode model, SearchSpace space,
                                            JsonNode manual) {
        Map<String, String> named = new LinkedHashMap<>();
        model.fieldNames().forEachRemaining(name -> named.putIfAbsent(name, "model." + name));
        space.parameters().forEach(h -> named.putIfAbsent(h.specName(), "search.space." + h.specName()));
        if (manual != null && manual.isArray()) {
            for (int i = 0; i < manual.size(); i++) {
                String at = "search.manual[" + i + "].";
                manual.get(i).fieldNames().forEachRemaining(name -> named.putIfAbsent(name, at + name));
            }
        }
        List<String> architecture = named(named.keySet(), Hyperparameter.Networks.BUILT_IN);
        if (!(network instanceof BuiltInNetwork) && !architecture.isEmpty()) {
            throw new SpecException(named.get(architecture.get(0)), String.join(", ", architecture)
                    + (architecture.size() == 1 ? " shapes" : " shape") + " the built-in family's network only;"
                    + " the network here is " + network.description() + ", whose configuration decides its shape");
        }
        List<String> fineTuning = named(named.keySet(), Hyperparameter.Networks.PRETRAINED);
        if (!(network instanceof PretrainedNetwork) && !fineTuning.isEmpty()) {
            throw new SpecException(named.get(fineTuning.get(0)), String.join(", ", fineTuning) + " applies to a"
                    + " network with weights of its own (model.network dl4j_model or keras_model); the network here is "
                    + network.description());
        }
    }

    private static List<String> named(Collection<String> names, Hyperparameter.Networks networks) {
        return names.stream().filter(name -> Hyperparameters.ALL.stream()
                .anyMatch(h -> h.networks() == networks && h.specName().equals(name))).toList();
    }

    /**
     * The baseline with a value for every user hyperparameter the space searches: the model section's, else
     * the space's first choice or its range's low end, as KerasTuner's {@code hp.Int} defaults to its minimum.
     * Only a builder takes them: with any other network they are refused.
     */
    static ModelConfig withUserBaseline(NetworkSource network, ModelConfig model, SearchSpace space,
                                         List<ModelConfig> manual) {
        List<String> declared = new ArrayList<>(model.userHyperparameters().stream().map(h -> "model." + h.specName())
                .toList());
        space.parameters().stream().filter(Hyperparameter::isUser).forEach(h -> declared.add("search.space."
                + h.specName()));
        manual.forEach(m -> m.userHyperparameters().stream().filter(h -> model.get(h) == null)
                .forEach(h -> declared.add("search.manual." + h.specName())));
        if (declared.isEmpty()) {
            return model;
        }
        if (!(network instanceof BuilderNetwork)) {
            throw new SpecException(declared.get(0), "a user.* hyperparameter reaches a network builder only;"
                    + " the network here is " + network.description() + ", which takes none; to tune your own,"
                    + " set model.network.builder");
        }
        ModelConfig baseline = model;
        for (Hyperparameter<?> h : space.parameters()) {
            if (h.isUser() && model.get(h) == null) {
                Domain domain = space.domains().get(h);
                Object first = domain instanceof Range range ? range.snap(range.low()) : domain.gridValues().get(0);
                baseline = baseline.with(Map.of(h, first), "search.space.");
            }
        }
        return baseline;
    }

    /** A manual configuration with the baseline's value for each user hyperparameter it leaves out. */
    static ModelConfig withUserDefaults(ModelConfig manual, ModelConfig baseline) {
        Map<Hyperparameter<?>, Object> missing = new LinkedHashMap<>();
        baseline.userHyperparameters().stream().filter(h -> manual.get(h) == null)
                .forEach(h -> missing.put(h, baseline.get(h)));
        return missing.isEmpty() ? manual : manual.with(missing, "search.manual.");
    }
}

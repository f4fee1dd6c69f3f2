package io.sparktune.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.data.DataFiles;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecJson;
import io.sparktune.spec.SpecSections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What makes two runs the same search, so that the second resumes the first: the whole spec as read (every
 * default filled in, the data path made absolute), except the fields in {@link #MAY_CHANGE}, which say where
 * and how fast a search runs, or what it is called, but not what it finds. A rerun that changes anything else
 * (the halving ladder, the baseline, the space, the model) is another search and is refused.
 */
public final class SearchIdentity {
    /**
     * The spec fields a rerun may change and still resume, as the spec's sections declare them: budget,
     * output, cluster, parallelism, UI, order, and confirmation, which runs after the search and keeps the
     * runs of the trials it still confirms.
     */
    public static final List<String> MAY_CHANGE = SpecSections.mayChangeOnResume();

    /** SearchSpec's components that the spec writes inside "search", by the names it gives them there. */
    private static final Map<String, String> SEARCH_FIELDS = Map.ofEntries(Map.entry("strategy", "strategy"),
            Map.entry("space", "space"), Map.entry("random_trials", "trials"), Map.entry("manual", "manual"),
            Map.entry("baseline", "baseline"), Map.entry("budget", "budget"), Map.entry("halving", "halving"),
            Map.entry("tpe", "tpe"), Map.entry("objective", "objective"), Map.entry("warm_start", "warm_start"),
            Map.entry("confirm", "confirm"));

    private SearchIdentity() {
    }

    /** The first field in which the two specs are different searches, e.g. "model.epochs: 3 there, 5 here". */
    public static Optional<String> firstDifference(SearchSpec there, SearchSpec here) {
        return Optional.ofNullable(firstDifference(of(there), of(here), ""));
    }

    static JsonNode of(SearchSpec spec) {
        ObjectNode node = SpecJson.mapper().valueToTree(spec.withData(
                spec.data().withPath(DataFiles.qualify(spec.data().path()))));
        node.remove("source");
        // Named as the spec names them, so a refusal points at the field to change back.
        ObjectNode search = node.putObject("search");
        SEARCH_FIELDS.forEach((record, specName) -> {
            JsonNode value = node.remove(record);
            if (value != null && !value.isNull()) {
                search.set(specName, value);
            }
        });
        if (search.has("objective")) {
            search.put("objective", spec.objective().specName());
        }
        for (String field : MAY_CHANGE) {
            int dot = field.lastIndexOf('.');
            JsonNode parent = dot < 0 ? node : node.at("/" + field.substring(0, dot).replace('.', '/'));
            if (parent instanceof ObjectNode object) {
                object.remove(field.substring(dot + 1));
            }
        }
        // Under successive halving max_trials caps the candidates, and Hyperband deals them out to brackets
        // by their count: another cap on a resume would reshuffle the ladder its trials climbed.
        if (spec.halving() != null) {
            ObjectNode budget = search.putObject("budget");
            if (spec.budget().maxTrials() != null) {
                budget.put("max_trials", spec.budget().maxTrials());
            }
        }
        return node;
    }

    private static String firstDifference(JsonNode there, JsonNode here, String path) {
        if (there.isObject() && here.isObject()) {
            Set<String> names = new TreeSet<>();
            there.fieldNames().forEachRemaining(names::add);
            here.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String found = firstDifference(there.path(name), here.path(name), path.isEmpty() ? name : path + "." + name);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return there.equals(here) ? null : path + ": " + show(there) + " there, " + show(here) + " here";
    }

    private static String show(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "absent" : node.toString();
    }
}

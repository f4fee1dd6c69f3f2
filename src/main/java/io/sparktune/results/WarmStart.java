package io.sparktune.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparktune.data.DataFiles;
import io.sparktune.data.DataFingerprint;
import io.sparktune.data.DataSpec;
import io.sparktune.input.SpecException;
import io.sparktune.model.Hyperparameter;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecJson;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The finished trials of earlier searches ({@code search.warm_start}), which TPE's model learns from without
 * retraining them. Only a search like this one can lend its trials: the same data (the same images and
 * split), the same objective and the same searched hyperparameters; otherwise the first difference is named,
 * before anything is trained or written.
 */
public final class WarmStart {
    /** The trials of one earlier folder. */
    public record Earlier(String folder, List<TrialResult> trials) {
    }

    private WarmStart() {
    }

    /**
     * The earlier searches' trials, each search checked against this one; {@code here} is this search's
     * data files, listed only if an earlier search recorded its own.
     */
    public static List<Earlier> load(SearchSpec spec, Supplier<DataFingerprint> here) {
        List<Earlier> all = new ArrayList<>();
        for (int i = 0; i < spec.warmStart().size(); i++) {
            String field = "search.warm_start[" + i + "]";
            OutputFolder folder = new OutputFolder(spec.warmStart().get(i));
            SearchSpec earlier = folder.storedSpec().orElseThrow(() -> new SpecException(field, folder.path()
                    + " holds no search (no " + OutputFolder.SPEC_FILE + ")"));
            firstDifference(earlier, spec).or(() -> folder.dataIdentity()
                    .flatMap(ran -> here.get().differenceFrom(ran.data())))
                    .ifPresent(d -> {
                        throw new SpecException(field, folder.path() + " holds a search that cannot lend its trials: "
                                + d);
                    });
            all.add(lent(folder));
        }
        return all;
    }

    /**
     * The trials the earlier searches lent, read again for a report: they were checked against this
     * search when it started.
     */
    public static List<Earlier> lent(SearchSpec spec) {
        return spec.warmStart().stream().map(f -> lent(new OutputFolder(f))).toList();
    }

    private static Earlier lent(OutputFolder folder) {
        return new Earlier(folder.path(), folder.journal().readAll());
    }

    /** What makes an earlier search's results mean something else here, if anything: "data.path: ... there, ... here". */
    static Optional<String> firstDifference(SearchSpec earlier, SearchSpec spec) {
        JsonNode there = data(earlier.data());
        JsonNode here = data(spec.data());
        for (Iterator<String> names = here.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!here.get(name).equals(there.get(name)) && !name.equals("download")) {
                return Optional.of("data." + name + ": " + there.get(name) + " there, " + here.get(name) + " here");
            }
        }
        if (earlier.execution().seed() != spec.execution().seed()) {
            return Optional.of("execution.seed: " + earlier.execution().seed() + " there, " + spec.execution().seed()
                    + " here (the seed picks the validation split)");
        }
        if (earlier.objective() != spec.objective()) {
            return Optional.of("search.objective: " + earlier.objective() + " there, " + spec.objective() + " here");
        }
        Set<String> searchedThere = names(earlier);
        Set<String> searchedHere = names(spec);
        if (!searchedThere.equals(searchedHere)) {
            return Optional.of("search.space searches " + String.join(", ", searchedThere) + " there, "
                    + String.join(", ", searchedHere) + " here");
        }
        return Optional.empty();
    }

    private static JsonNode data(DataSpec data) {
        return SpecJson.mapper().valueToTree(data.withPath(DataFiles.qualify(data.path())));
    }

    private static Set<String> names(SearchSpec spec) {
        return spec.space().parameters().stream().map(Hyperparameter::specName)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}

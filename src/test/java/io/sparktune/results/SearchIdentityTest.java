package io.sparktune.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A rerun resumes the search in its output folder only when nothing that decides the results changed:
 * each field a rerun may change, and each it may not, one by one.
 */
class SearchIdentityTest {
    private static final String BASE = """
            {"name": "a", "data": {"kind": "cifar10", "path": "/data/cifar", "max_train_images": 400},
             "model": {"epochs": 2},
             "search": {"strategy": "halving", "space": {"learning_rate": [0.001, 0.01, 0.1]},
                        "halving": {"eta": 2, "max_epochs": 4}},
             "execution": {"seed": 42}, "output": "out/a"}""";

    private static SearchSpec read(String... overrides) {
        return new SpecReader().read(BASE, "spec.json", "a", List.of(overrides));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            search.budget={"minutes": 30}
            search.confirm=false
            'search.confirm={"top": 5, "seeds": 3}'
            output=out/elsewhere
            name=renamed
            description=a note
            execution.master=spark://cluster:7077
            execution.parallel_trials=16
            execution.threads_per_trial=2
            execution.spark_ui=true
            execution.trial_order=as_listed
            data.download=false
            model.learning_rate=0.001
            """)
    void aChangeOfWhereOrHowFastResumes(String change) {
        assertEquals(Optional.empty(), SearchIdentity.firstDifference(read(), read(change)), change);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            search.halving.eta=3                              | search.halving.eta: 2 there, 3 here
            search.halving.min_epochs=2                       | search.halving.min_epochs: 1 there, 2 here
            search.halving.max_epochs=8                       | search.halving.max_epochs: 4 there, 8 here
            search.halving.mode=synchronous                   | search.halving.mode
            search.halving.brackets=2                         | search.halving.brackets: 1 there, 2 here
            search.baseline=false                             | search.baseline: true there, false here
            search.space.learning_rate=[0.001]                | search.space.learning_rate: [0.001,0.01,0.1] there, [0.001] here
            search.trials=3                                   | search.trials: absent there, 3 here
            model.epochs=3                                    | model.epochs: 2 there, 3 here
            model.activation=tanh                             | model.activation: "relu" there, "tanh" here
            execution.seed=7                                  | execution.seed: 42 there, 7 here
            data.max_train_images=800                         | data.max_train_images: 400 there, 800 here
            data.validation_fraction=0.3                      | data.validation_fraction: 0.2 there, 0.3 here
            data.path=/data/other                             | data.path
            search.manual=[{"learning_rate": 0.003}]          | search.manual
            search.budget.max_trials=2                        | search.budget.max_trials: absent there, 2 here
            """)
    void aChangeOfWhatTheSearchFindsIsAnotherSearch(String change, String named) {
        Optional<String> difference = SearchIdentity.firstDifference(read(), read(change));
        assertTrue(difference.isPresent() && difference.get().startsWith(named), change + ": " + difference);
    }

    /**
     * Under halving max_trials caps the candidates that climb the ladder: raised or lowered on a resume,
     * it would deal them out to other rungs and brackets, so it is another search. A grid may change it.
     */
    @Test
    void aHalvingSearchKeepsItsCapOnCandidatesAndAGridMayChangeIt() {
        SearchSpec capped = read("search.budget.max_trials=3");
        assertEquals(Optional.of("search.budget.max_trials: 3 there, 5 here"),
                SearchIdentity.firstDifference(capped, read("search.budget.max_trials=5")), "raised");
        assertEquals(Optional.of("search.budget.max_trials: 3 there, 2 here"),
                SearchIdentity.firstDifference(capped, read("search.budget.max_trials=2")), "lowered");
        assertEquals(Optional.empty(), SearchIdentity.firstDifference(capped,
                read("search.budget.max_trials=3", "search.budget.minutes=10")), "the time budget may change");
        String grid = BASE.replace("\"strategy\": \"halving\"", "\"strategy\": \"grid\"")
                .replaceAll(",\\s*\"halving\": \\{[^}]*}", "");
        assertEquals(Optional.empty(), SearchIdentity.firstDifference(
                new SpecReader().read(grid, "spec.json", "g", List.of("search.budget.max_trials=3")),
                new SpecReader().read(grid, "spec.json", "g", List.of("search.budget.max_trials=5"))));
    }

    private static final String TPE = """
            {"name": "t", "data": {"kind": "cifar10", "path": "/data/cifar"},
             "search": {"strategy": "tpe", "trials": 10,
                        "space": {"learning_rate": {"low": 0.001, "high": 0.1, "log": true}}}}""";

    /** TPE's settings, the objective and the searches it learns from decide what it proposes. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            search.tpe.gamma=0.2                     | search.tpe.gamma
            search.tpe.startup_trials=3              | search.tpe.startup_trials
            search.tpe.constant_liar=false           | search.tpe.constant_liar
            search.objective=val_loss                | search.objective: "val_accuracy" there, "val_loss" here
            search.warm_start=["out/earlier"]        | search.warm_start
            """)
    void aChangeOfWhatTpeLearnsFromIsAnotherSearch(String change, String named) {
        SearchSpec tpe = new SpecReader().read(TPE, "spec.json", "t", List.of());
        Optional<String> difference = SearchIdentity.firstDifference(tpe,
                new SpecReader().read(TPE, "spec.json", "t", List.of(change)));
        assertTrue(difference.isPresent() && difference.get().startsWith(named), change + ": " + difference);
    }
}

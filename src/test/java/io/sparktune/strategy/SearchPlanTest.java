package io.sparktune.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.input.SpecException;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What a spec plans before any data is read: the trial count, its guard, and which trial is the baseline. */
class SearchPlanTest {
    /** 100 x 100 x 100 grid points. */
    private static final String MILLION = """
            "space": {"learning_rate": {"low": 0.0001, "high": 0.1, "log": true, "points": 100},
                      "filters": {"low": 8, "high": 107, "points": 100},
                      "dense_units": {"low": 16, "high": 115, "points": 100}}""";

    private static SearchSpec spec(String search) {
        return new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "/x"}, "search": {%s}}""".formatted(search), "s.json", "s",
                List.of());
    }

    @Test
    void aMillionPointGridIsRefusedWithItsCostAndWhatToDoInstead() {
        SpecException e = assertThrows(SpecException.class, () -> SearchPlan.of(spec(MILLION)));
        assertEquals("search.space", e.field());
        assertTrue(e.getMessage().contains("this search has 1,000,001 trials, over the 10,000"), e.getMessage());
        assertTrue(e.getMessage().matches(".*about [0-9,]+ core-hours \\(40,000 training images, 5 epochs a trial.*"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\"strategy\": \"random\""), e.getMessage());
        assertTrue(e.getMessage().contains("search.budget.max_trials"), e.getMessage());
    }

    @Test
    void withMaxTrialsOnlyThatManyGridPointsAreBuiltAndTheUserIsTold() {
        SearchPlan plan = SearchPlan.of(spec(MILLION + ", \"budget\": {\"max_trials\": 50}"));
        assertEquals(50, plan.trials());
        assertEquals(50, plan.strategy().nextTrials(List.of()).size());
        assertEquals(1, plan.warnings().size());
        assertTrue(plan.warnings().get(0).contains("runs only the first 50 of the grid's 1,000,000 points"),
                plan.warnings().toString());
    }

    @Test
    void tooManyRandomTrialsNameTheTrialsField() {
        SpecException e = assertThrows(SpecException.class, () -> SearchPlan.of(spec(
                "\"strategy\": \"random\", \"trials\": 20000, \"space\": {\"learning_rate\": {\"low\": 0.0001,"
                        + " \"high\": 0.1, \"log\": true}}")));
        assertEquals("search.trials", e.field());
    }

    @Test
    void theBaselineIsTheTrialWithTheDefaultsOrTrialZero() {
        SearchPlan inGrid = SearchPlan.of(spec("\"space\": {\"learning_rate\": [0.01, 0.001]}"));
        assertEquals(OptionalInt.of(2), inGrid.baselineId(), "the grid's second point has the defaults");
        assertEquals(2, inGrid.trials());
        SearchPlan apart = SearchPlan.of(spec("\"space\": {\"learning_rate\": [0.01, 0.1]}"));
        assertEquals(OptionalInt.of(0), apart.baselineId());
        assertEquals(3, apart.trials());
        SearchPlan none = SearchPlan.of(spec("\"space\": {\"learning_rate\": [0.01, 0.1]}, \"baseline\": false"));
        assertEquals(OptionalInt.empty(), none.baselineId());
    }

    @Test
    void aSearchedDenseLayerThatNoTrialHasIsAWarning() {
        SearchSpec spec = new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "/x"}, "model": {"head": "global_avg"},
                 "search": {"space": {"dense_units": [64, 128]}}}""", "s.json", "s", List.of());
        assertTrue(SearchPlan.of(spec).warnings().stream().anyMatch(w -> w.startsWith(
                "search.space.dense_units is searched but unused")), SearchPlan.of(spec).warnings().toString());
        assertTrue(SearchPlan.of(spec("\"space\": {\"dense_units\": [64, 128]}")).warnings().isEmpty(),
                "with the dense head it is used");
    }

    /**
     * TPE with as many trials side by side as it has trials: each starts before any result is in, so the
     * search is a random search, and the user is told before it starts, with the trial the model would
     * start from; with enough trials, or results lent by an earlier search, nothing is said.
     */
    @Test
    void tpeWhoseTrialsAllStartBeforeItsStartUpResultsAreInIsAWarning() {
        String warning = "search.trials: all 33 trials start before TPE has the 10 results of"
                + " search.tpe.startup_trials, with 32 side by side (execution.parallel_trials), so each is a random"
                + " draw; TPE's model would propose from trial 42 on.";
        assertTrue(SearchPlan.of(tpe(32, 32)).warnings().stream().anyMatch(w -> w.startsWith(warning)),
                SearchPlan.of(tpe(32, 32)).warnings().toString());
        assertTrue(SearchPlan.of(tpe(41, 32)).warnings().isEmpty(), "trial 42 is proposed from 10 results");
        assertTrue(SearchPlan.of(tpe(10, 2)).warnings().get(0).contains("all 11 trials start before"));
        assertTrue(SearchPlan.of(tpe(11, 2)).warnings().isEmpty(), "on 2 cores the 12th trial is TPE's");
        List<TrialResult> lent = new ArrayList<>();
        for (int id = 1; id <= 10; id++) {
            lent.add(new TrialResult(id, io.sparktune.model.ModelConfig.REFERENCE, 1, 0, TrialStatus.OK, null,
                    List.of(new EpochResult(1, 1, 0.5, 1, 0.5, 0.5, 0.5, 0.5, 1)), null, 1, 0, 0, null, null));
        }
        assertTrue(SearchPlan.of(tpe(32, 32), lent).warnings().isEmpty(), "10 earlier results: TPE starts at once");
        assertTrue(SearchPlan.of(tpe(32, 32), lent.subList(0, 4)).warnings().get(0).startsWith("search.trials: all"
                + " 33 trials start before TPE has the 10 results of search.tpe.startup_trials (4 lent by"
                + " search.warm_start), with 32 side by side (execution.parallel_trials), so each is a random draw;"
                + " TPE's model would propose from trial 38 on."), SearchPlan.of(tpe(32, 32), lent.subList(0, 4))
                .warnings().toString());
    }

    private static SearchSpec tpe(int trials, int side) {
        return new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "/x"},
                 "search": {"strategy": "tpe", "trials": %d, "space": {"learning_rate": {"low": 0.0001, "high": 0.1}}},
                 "execution": {"parallel_trials": %d}}""".formatted(trials, side), "s.json", "s", List.of());
    }

    @Test
    void warmUpMustLeaveEpochsForTheScheduleInEveryManualTrialToo() {
        SpecException e = assertThrows(SpecException.class, () -> spec("""
                "strategy": "manual", "manual": [{"lr_schedule": "cosine"}, {"warmup_epochs": 5}]"""));
        assertEquals("search.manual[1].warmup_epochs", e.field());
    }

    @Test
    void theExpectedEpochsCountHalvingsPromotions() {
        SearchPlan grid = SearchPlan.of(spec("""
                "space": {"learning_rate": [0.01, 0.1], "epochs": [2, 4]}, "baseline": false"""));
        assertEquals(2 + 4 + 2 + 4, grid.epochs());
        // 9 candidates through rungs of 1, 3 and 9 epochs with eta 3: 9 x 1, then 3 x 2 more, then 1 x 6 more;
        // the baseline trains max_epochs.
        SearchPlan halving = SearchPlan.of(spec("""
                "strategy": "halving", "trials": 9, "space": {"learning_rate": {"low": 0.0001, "high": 0.1}},
                "halving": {"eta": 3, "min_epochs": 1, "max_epochs": 9}"""));
        assertEquals(9 + 3 * 2 + 6 + 9, halving.epochs());
    }
}

package io.sparktune.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.input.SpecException;
import io.sparktune.model.Activation;
import io.sparktune.model.Hyperparameters;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Random, manual and ranged grid search, without Spark or DL4J. */
class StrategyTest {
    private static SearchSpec spec(String search) {
        return new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "/x"}, "search": %s}""".formatted(search), "t.json", "t",
                List.of());
    }

    private static List<TrialConfig> trials(String search) {
        return SearchPlan.of(spec(search)).strategy().nextTrials(List.of());
    }

    private static final String RANDOM = """
            {"strategy": "random", "trials": 12, "baseline": false,
             "space": {"learning_rate": {"low": 0.0001, "high": 0.1, "log": true},
                       "filters": {"low": 8, "high": 64, "step": 8},
                       "activation": ["relu", "tanh", "sigmoid"]}}""";

    @Test
    void randomSearchDrawsTheAskedNumberOfDistinctConfigurationsInsideTheSpace() {
        List<TrialConfig> drawn = trials(RANDOM);
        assertEquals(12, drawn.size());
        assertEquals(12, new HashSet<>(drawn.stream().map(TrialConfig::model).toList()).size(), "none twice");
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), drawn.stream().map(TrialConfig::trialId).toList());
        for (TrialConfig t : drawn) {
            assertTrue(t.model().get(Hyperparameters.LEARNING_RATE) >= 1e-4 && t.model().get(Hyperparameters.LEARNING_RATE) <= 0.1);
            assertTrue(t.model().get(Hyperparameters.FILTERS) % 8 == 0 && t.model().get(Hyperparameters.FILTERS) >= 8 && t.model().get(Hyperparameters.FILTERS) <= 64);
            assertTrue(t.model().get(Hyperparameters.ACTIVATION) != Activation.LEAKYRELU);
        }
        // Log-uniform: about as many draws below 0.003 (the geometric middle) as above it.
        long small = drawn.stream().filter(t -> t.model().get(Hyperparameters.LEARNING_RATE) < 0.00316).count();
        assertTrue(small >= 2 && small <= 10, small + " of 12 below the geometric middle");
    }

    @Test
    void theSameSpecDrawsTheSameTrialsInTheSameOrder() {
        assertEquals(trials(RANDOM), trials(RANDOM));
        List<TrialConfig> otherSeed = SearchPlan.of(new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "/x"}, "search": %s, "execution": {"seed": 7}}"""
                .formatted(RANDOM), "t.json", "t", List.of())).strategy().nextTrials(List.of());
        assertNotEquals(trials(RANDOM), otherSeed, "another seed draws other trials");
    }

    @Test
    void aSpaceTooSmallForTheTrialsAskedIsNamed() {
        SpecException e = assertThrows(SpecException.class, () -> trials("""
                {"strategy": "random", "trials": 5, "space": {"activation": ["relu", "tanh"]}}"""));
        assertEquals("search.trials", e.field());
        assertTrue(e.getMessage().contains("holds only 2 (activation 2)"), e.getMessage());
    }

    /** Counted exactly before anything runs: 3 whole numbers by 2 steps of 0.25 are 6 configurations. */
    @Test
    void aFiniteRangeCountsAsItsValues() {
        assertEquals(6, trials("""
                {"strategy": "random", "trials": 6, "space": {"conv_layers": {"low": 1, "high": 3},
                 "dropout": {"low": 0.25, "high": 0.5, "step": 0.25}}}""").stream().filter(t -> t.trialId() != 0)
                .map(TrialConfig::model).distinct().count(), "every configuration once, the baseline aside");
        SpecException e = assertThrows(SpecException.class, () -> trials("""
                {"strategy": "tpe", "trials": 7, "space": {"conv_layers": {"low": 1, "high": 3},
                 "dropout": {"low": 0.25, "high": 0.5, "step": 0.25}}}"""));
        assertTrue(e.getMessage().contains("holds only 6 (conv_layers 3 x dropout 2)"), e.getMessage());
    }

    @Test
    void aRangeWithPointsIsAGridDimension() {
        List<TrialConfig> grid = trials("""
                {"space": {"learning_rate": {"low": 0.001, "high": 0.1, "log": true, "points": 3},
                           "dense_units": {"low": 32, "high": 128, "points": 4}}}""");
        assertEquals(List.of(0.001, 0.01, 0.1),
                grid.stream().map(t -> t.model().get(Hyperparameters.LEARNING_RATE)).distinct().toList());
        assertEquals(List.of(32, 64, 96, 128), grid.stream().map(t -> t.model().get(Hyperparameters.DENSE_UNITS)).distinct().toList());
        assertEquals(12, grid.size());
    }

    @Test
    void manualConfigurationsRunFirstThenTheStrategysOwn() {
        List<TrialConfig> all = trials("""
                {"manual": [{"learning_rate": 0.003, "activation": "tanh"}, {"filters": 16}],
                 "space": {"learning_rate": [0.001, 0.01]}, "baseline": false}""");
        assertEquals(List.of(1, 2, 3, 4), all.stream().map(TrialConfig::trialId).toList());
        assertEquals(0.003, all.get(0).model().get(Hyperparameters.LEARNING_RATE));
        assertEquals(Activation.TANH, all.get(0).model().get(Hyperparameters.ACTIVATION));
        assertEquals(16, all.get(1).model().get(Hyperparameters.FILTERS));
        assertEquals(0.001, all.get(1).model().get(Hyperparameters.LEARNING_RATE), "a manual entry is laid over the defaults");
        assertEquals(List.of(0.001, 0.01), all.subList(2, 4).stream().map(t -> t.model().get(Hyperparameters.LEARNING_RATE)).toList());

        List<TrialConfig> only = trials("""
                {"strategy": "manual", "manual": [{"epochs": 2}, {"epochs": 3}], "baseline": false}""");
        assertEquals(List.of(2, 3), only.stream().map(t -> t.model().get(Hyperparameters.EPOCHS)).toList());
    }

    @Test
    void theDefaultsRunAsTrialZeroUnlessATrialAlreadyHasThemOrTheSpecSaysNo() {
        List<TrialConfig> withBaseline = trials("{\"space\": {\"filters\": [16, 64]}}");
        assertEquals(List.of(0, 1, 2), withBaseline.stream().map(TrialConfig::trialId).toList());
        assertEquals(32, withBaseline.get(0).model().get(Hyperparameters.FILTERS), "trial 0 is the reference CNN");
        assertEquals(List.of(1, 2), trials("{\"space\": {\"filters\": [16, 32]}}").stream()
                .map(TrialConfig::trialId).toList(), "the grid's 32 filters already are the defaults");
        assertEquals(List.of(1, 2), trials("{\"space\": {\"filters\": [16, 64]}, \"baseline\": false}").stream()
                .map(TrialConfig::trialId).toList());
    }

    @Test
    void maxTrialsCutsTheSearchInOrder() {
        List<TrialConfig> capped = trials("""
                {"space": {"filters": [8, 16, 64], "epochs": [1, 2]}, "budget": {"max_trials": 4}}""");
        assertEquals(List.of(0, 1, 2, 3), capped.stream().map(TrialConfig::trialId).toList());
    }

    @Test
    void aResumedSearchGetsOnlyWhatIsNotFinished() {
        SearchStrategy random = SearchPlan.of(spec(RANDOM)).strategy();
        List<TrialConfig> first = random.nextTrials(List.of());
        List<TrialResult> done = first.subList(0, 5).stream().map(t -> new TrialResult(t.trialId(), t.model(),
                t.seed(), 0, TrialStatus.OK, null, List.of(), null, 1, 0, 0, null, null)).toList();
        assertEquals(first.subList(5, 12), SearchPlan.of(spec(RANDOM)).strategy().nextTrials(done));
    }

    @Test
    void rangeAndStrategyMistakesNameTheirField() {
        assertEquals("search.space.activation", assertThrows(SpecException.class, () -> trials("""
                {"space": {"activation": {"low": 1, "high": 2}}}""")).field());
        assertEquals("search.space.learning_rate", assertThrows(SpecException.class, () -> trials("""
                {"strategy": "random", "trials": 2, "space": {"learning_rate": {"low": 0.1, "high": 0.01}}}""")).field());
        assertEquals("search.space.learning_rate.low", assertThrows(SpecException.class, () -> trials("""
                {"strategy": "random", "trials": 2, "space": {"learning_rate": {"low": 0, "high": 0.1}}}""")).field());
        assertEquals("search.space.filters.low", assertThrows(SpecException.class, () -> trials("""
                {"strategy": "random", "trials": 2, "space": {"filters": {"low": 8.5, "high": 64}}}""")).field());
        assertEquals("search.space.learning_rate", assertThrows(SpecException.class, () -> trials("""
                {"space": {"learning_rate": {"low": 0.001, "high": 0.1}}}""")).field(), "grid needs points");
        assertEquals("search.trials", assertThrows(SpecException.class, () -> trials("""
                {"strategy": "random", "space": {"epochs": [1, 2]}}""")).field());
        assertEquals("search.trials", assertThrows(SpecException.class, () -> trials("""
                {"trials": 3, "space": {"epochs": [1, 2]}}""")).field());
        assertEquals("search.manual[1]", assertThrows(SpecException.class, () -> trials("""
                {"strategy": "manual", "manual": [{"epochs": 2}, {"epochs": 2}]}""")).field());
        assertEquals("search.manual[0].activation", assertThrows(SpecException.class, () -> trials("""
                {"strategy": "manual", "manual": [{"activation": "swish"}]}""")).field());
    }
}

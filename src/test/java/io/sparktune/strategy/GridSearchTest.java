package io.sparktune.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.model.Activation;
import io.sparktune.model.Hyperparameters;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.trial.TrialConfig;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GridSearchTest {
    private static SearchSpec spec(String space, long seed) {
        return new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "/x"},
                 "search": {"space": %s},
                 "execution": {"seed": %d}}""".formatted(space, seed), "t.json", "t", List.of());
    }

    private static List<TrialConfig> trials(String space, long seed) {
        return SearchPlan.of(spec(space, seed)).strategy().nextTrials(List.of());
    }

    @Test
    void everyCombinationOnceWithTheFirstParameterVaryingSlowest() {
        List<TrialConfig> trials = trials(
                "{\"learning_rate\": [0.001, 0.01, 0.1], \"activation\": [\"relu\", \"tanh\"]}", 42);
        assertEquals(6, trials.size());
        assertEquals(List.of("0.001/relu", "0.001/tanh", "0.01/relu", "0.01/tanh", "0.1/relu", "0.1/tanh"),
                trials.stream().map(t -> t.model().get(Hyperparameters.LEARNING_RATE) + "/" + t.model().get(Hyperparameters.ACTIVATION)).toList());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), trials.stream().map(TrialConfig::trialId).toList());
    }

    @Test
    void unsearchedFieldsKeepTheDefaults() {
        for (TrialConfig t : trials("{\"filters\": [16, 64], \"epochs\": [1, 2], \"dropout\": [0.0, 0.5]}", 1)) {
            assertEquals(0.001, t.model().get(Hyperparameters.LEARNING_RATE));
            assertEquals(Activation.RELU, t.model().get(Hyperparameters.ACTIVATION));
        }
        assertEquals(9, trials("{\"filters\": [16, 64], \"epochs\": [1, 2], \"dropout\": [0.0, 0.5]}", 1).size(),
                "8 grid points and the baseline");
    }

    @Test
    void seedsFollowTheSpecSeedAndTrialIdAlone() {
        String space = "{\"learning_rate\": [0.001, 0.01, 0.1]}";
        List<Long> first = trials(space, 42).stream().map(TrialConfig::seed).toList();
        assertEquals(first, trials(space, 42).stream().map(TrialConfig::seed).toList());
        assertEquals(3, new HashSet<>(first).size(), "each trial has its own seed");
        assertNotEquals(first, trials(space, 43).stream().map(TrialConfig::seed).toList());
        assertTrue(first.stream().allMatch(s -> s >= 0 && s <= Integer.MAX_VALUE), first.toString());
    }

    @Test
    void theGridIsOneWave() {
        SearchStrategy grid = SearchPlan.of(spec("{\"epochs\": [1, 2]}", 42)).strategy();
        List<TrialConfig> wave = grid.nextTrials(List.of());
        var results = wave.stream().map(t -> new io.sparktune.trial.TrialResult(t.trialId(), t.model(), t.seed(),
                0, io.sparktune.trial.TrialStatus.OK, null, List.of(), null, 1.0, 0L, 0L, null, null)).collect(Collectors.toList());
        assertEquals(List.of(), grid.nextTrials(results));
    }
}

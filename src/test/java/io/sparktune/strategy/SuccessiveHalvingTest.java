package io.sparktune.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.model.Hyperparameters;
import io.sparktune.spec.Halving;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who goes on, given curves: the halving logic alone, without Spark or DL4J. */
class SuccessiveHalvingTest {
    private static SearchSpec spec(String mode) {
        return spec(mode, 1, "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]", false);
    }

    private static SearchSpec spec(String mode, int brackets, String rates, boolean baseline) {
        return new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "/x"},
                 "search": {"strategy": "halving", "baseline": %s,
                            "space": {"learning_rate": %s},
                            "halving": {"eta": 3, "min_epochs": 1, "max_epochs": 9, "mode": "%s", "brackets": %d}},
                 "output": "/tmp/halving-test"}""".formatted(baseline, rates, mode, brackets), "t.json", "t", List.of());
    }

    private static Map<Integer, Double> peakAtSix() {
        // Trial i (learning rate i/10) scores 1 - |i - 6| / 10: trial 6 is best, then 5 and 7.
        Map<Integer, Double> score = new java.util.HashMap<>();
        for (int i = 1; i <= 9; i++) {
            score.put(i, 1 - Math.abs(i - 6) / 10.0);
        }
        return score;
    }

    private static List<Integer> ids(List<TrialConfig> trials) {
        return trials.stream().map(TrialConfig::trialId).toList();
    }

    /** Each trial's curve: validation accuracy = its score at every epoch it reached. */
    private static List<TrialResult> train(List<TrialConfig> wave, Map<Integer, Double> score,
                                           List<TrialResult> finished) {
        return HalvingCurves.train(wave, (t, epoch) -> score.get(t.trialId()), finished);
    }

    /** A stuck trial is the worst of its rung, whatever its accuracy: it ended, it is not promoted. */
    @ParameterizedTest
    @ValueSource(strings = {"synchronous", "asynchronous"})
    void aStuckTrialIsNeverPromoted(String mode) {
        SearchStrategy halving = SearchPlan.of(spec(mode)).strategy();
        List<TrialResult> done = new ArrayList<>();
        for (TrialResult r : train(halving.nextTrials(List.of()), peakAtSix(), List.of())) {
            done.add(r.trialId() != 6 ? r : new TrialResult(r.trialId(), r.model(), r.seed(), r.rung(), TrialStatus.STUCK,
                    "validation accuracy within 1 point of chance", r.epochs(), null, 1, 0, 0, null, null));
        }
        List<Integer> promoted = halving.nextTrials(done).stream().map(TrialConfig::trialId).sorted().toList();
        assertEquals(3, promoted.size(), promoted.toString());
        assertTrue(!promoted.contains(6), "trial 6, the best by accuracy but stuck, stays where it ended: " + promoted);
    }

    /** Run in whole waves, both forms promote the same trials: the best third of each rung. */
    @ParameterizedTest
    @ValueSource(strings = {"synchronous", "asynchronous"})
    void rungsTrainOneThenThreeThenNineEpochsKeepingTheBestThird(String mode) {
        assertEquals(List.of(1, 3, 9), new Halving(3, 1, 9, null, null, null, null).rungEpochs());
        assertEquals(List.of(2, 4, 5), new Halving(2, 2, 5, null, null, null, null).rungEpochs());
        SearchStrategy halving = SearchPlan.of(spec(mode)).strategy();
        Map<Integer, Double> score = peakAtSix();
        List<TrialConfig> rung0 = halving.nextTrials(List.of());
        assertEquals(9, rung0.size());
        assertTrue(rung0.stream().allMatch(t -> t.model().get(Hyperparameters.EPOCHS) == 1 && t.rung() == 0));
        List<TrialResult> done = train(rung0, score, List.of());

        List<TrialConfig> rung1 = halving.nextTrials(done);
        assertEquals(List.of(5, 6, 7), rung1.stream().map(TrialConfig::trialId).sorted().toList());
        assertEquals(List.of(), halving.nextTrials(done, Set.of(5, 6, 7)), "running trials are not asked for twice");
        assertTrue(rung1.stream().allMatch(t -> t.model().get(Hyperparameters.EPOCHS) == 3 && t.rung() == 1
                && t.checkpoint().earlier().size() == 1), "continued from rung 0's checkpoint and curve");
        TrialConfig promoted = rung1.get(0);
        assertEquals(String.format("file:/tmp/halving-test/checkpoints/trial-%06d-rung-0.zip", promoted.trialId()),
                promoted.checkpoint().from(), "continues from the network rung 0 saved");
        assertEquals(String.format("file:/tmp/halving-test/checkpoints/trial-%06d-rung-1.zip", promoted.trialId()),
                promoted.checkpoint().to(), "saves to a file of its own rung");
        done = train(rung1, score, done);

        List<TrialConfig> rung2 = halving.nextTrials(done);
        assertEquals(List.of(6), rung2.stream().map(TrialConfig::trialId).toList());
        assertEquals(9, rung2.get(0).model().get(Hyperparameters.EPOCHS));
        done = train(rung2, score, done);
        assertEquals(List.of(), halving.nextTrials(done));

        List<TrialResult> settled = halving.settle(done);
        assertEquals(8, settled.stream().filter(r -> r.status() == TrialStatus.PRUNED).count());
        TrialResult seven = settled.stream().filter(r -> r.trialId() == 7).findFirst().orElseThrow();
        assertEquals(1, seven.rung());
        assertEquals(3, seven.epochs().size(), "the pruned trial keeps its curve");
        assertTrue(seven.error().startsWith("pruned at rung 1 after 3 epochs"), seven.error());
        assertEquals(List.of(), halving.nextTrials(settled), "a finished search replays to nothing new");
        // 9 + 3 * 2 + 1 * 6 = 21 epochs instead of the grid's 81.
        assertEquals(21, settled.stream().mapToInt(r -> r.epochs().size()).sum());
    }

    @Test
    void theSynchronousFormWaitsForTheWholeRungButTheAsynchronousOnePromotesAtOnce() {
        Map<Integer, Double> score = peakAtSix();
        SearchStrategy sync = SearchPlan.of(spec("synchronous")).strategy();
        SearchStrategy async = SearchPlan.of(spec("asynchronous")).strategy();
        List<TrialConfig> first = sync.nextTrials(List.of());
        // Trials 4, 5 and 6 have finished rung 0, 7 and 8 are running, 1-3 and 9 have not started.
        List<TrialResult> done = train(first.subList(3, 6), score, List.of());
        Set<Integer> running = Set.of(7, 8);
        assertEquals(List.of(1, 2, 3, 9), ids(sync.nextTrials(done, running)),
                "synchronous: only the rest of rung 0 until it is complete");
        List<TrialConfig> next = async.nextTrials(done, running);
        assertEquals(List.of(6, 1, 2, 3, 9), ids(next), "asynchronous: the best of 3 finished goes on first");
        assertEquals(1, next.get(0).rung());
        assertEquals(3, next.get(0).model().get(Hyperparameters.EPOCHS));
        // Once 6 runs rung 1, nothing more is promoted until another rung-0 trial beats the rest.
        assertEquals(List.of(1, 2, 3, 9), ids(async.nextTrials(done, Set.of(6, 7, 8))));
    }

    @Test
    void asynchronousHalvingEndsWithEveryRungsBestThirdPromoted() {
        Map<Integer, Double> score = peakAtSix();
        SearchStrategy async = SearchPlan.of(spec("asynchronous")).strategy();
        // Trials finish one at a time in id order, each call starting just one trial.
        List<TrialResult> done = new ArrayList<>();
        List<TrialConfig> next;
        int runs = 0;
        while (!(next = async.nextTrials(done)).isEmpty()) {
            done = train(List.of(next.get(0)), score, done);
            runs++;
        }
        List<TrialResult> settled = async.settle(done);
        TrialResult six = settled.stream().filter(r -> r.trialId() == 6).findFirst().orElseThrow();
        assertEquals(TrialStatus.OK, six.status());
        assertEquals(9, six.epochs().size(), "the best trial reached max_epochs");
        assertTrue(settled.stream().filter(r -> r.status() == TrialStatus.OK).allMatch(r -> r.epochs().size() == 9),
                "only trials that reached the last rung are not pruned");
        long promotedPastRung0 = settled.stream().filter(r -> r.epochs().size() >= 3).count();
        assertTrue(promotedPastRung0 >= 3, "at least the best third of 9 went past rung 0: " + promotedPastRung0);
        assertTrue(runs >= 9 + 3 + 1, "runs: " + runs);
    }

    @Test
    void hyperbandDealsCandidatesToBracketsThatStartAtHigherRungs() {
        String sixteen = "{\"low\": 0.1, \"high\": 1.6, \"points\": 16}";
        SearchStrategy hyperband = SearchPlan.of(spec("synchronous", 3, sixteen, false)).strategy();
        List<TrialConfig> first = hyperband.nextTrials(List.of());
        assertEquals(16, first.size());
        assertEquals(16, Set.copyOf(ids(first)).size(), "every candidate in exactly one bracket");
        Map<Integer, Long> perRung = first.stream().collect(Collectors.groupingBy(TrialConfig::rung,
                Collectors.counting()));
        // Hyperband's proportions for 3 rungs and eta 3 are 9 : 5 : 3, here for 16 candidates.
        assertEquals(Map.of(0, 8L, 1, 5L, 2, 3L), perRung);
        assertTrue(first.stream().allMatch(t -> t.model().get(Hyperparameters.EPOCHS) == List.of(1, 3, 9).get(t.rung())));
        assertEquals(ids(first), ids(SearchPlan.of(spec("synchronous", 3, sixteen, false)).strategy().nextTrials(List.of())),
                "the same seed deals the same brackets");
        // The bracket that started at 9 epochs is done after one rung; its trials are not pruned.
        List<TrialResult> done = new ArrayList<>();
        Map<Integer, Double> flat = new java.util.HashMap<>();
        first.forEach(t -> flat.put(t.trialId(), 0.5));
        List<TrialConfig> next;
        while (!(next = hyperband.nextTrials(done)).isEmpty()) {
            done = train(next, flat, done);
        }
        List<TrialResult> settled = hyperband.settle(done);
        first.stream().filter(t -> t.rung() == 2).forEach(t -> assertEquals(TrialStatus.OK, settled.stream()
                .filter(r -> r.trialId() == t.trialId()).findFirst().orElseThrow().status()));
        // Bracket 0: 8 -> 2 -> 1 reach 9 epochs; bracket 1: 5 -> 1; bracket 2: all 3. So 5 trials end OK.
        assertEquals(5, settled.stream().filter(r -> r.status() == TrialStatus.OK).count());
    }

    @Test
    void theBaselineIsTheCandidateWithTheDefaultsWhateverItsEpochs() {
        // The defaults' learning rate, 0.001, is among the candidates: no separate trial 0 then.
        SearchSpec spec = spec("asynchronous", 1, "[0.001, 0.01, 0.1]", true);
        List<TrialConfig> first = SearchPlan.of(spec).strategy().nextTrials(List.of());
        assertEquals(List.of(1, 2, 3), ids(first));
        assertEquals(java.util.OptionalInt.of(1), SearchPlan.of(spec).baselineId());
        // Not among them: trial 0 runs the defaults for max_epochs, the most any candidate gets.
        SearchSpec apart = spec("asynchronous", 1, "[0.01, 0.1]", true);
        List<TrialConfig> withBaseline = SearchPlan.of(apart).strategy().nextTrials(List.of());
        assertEquals(List.of(0, 1, 2), ids(withBaseline));
        assertEquals(9, withBaseline.get(0).model().get(Hyperparameters.EPOCHS));
        assertEquals(java.util.OptionalInt.of(0), SearchPlan.of(apart).baselineId());
    }
}

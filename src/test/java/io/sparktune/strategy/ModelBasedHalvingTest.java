package io.sparktune.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.spec.SpecReader;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Successive halving whose candidates TPE proposes (BOHB's way), on analytic learning curves instead of
 * networks: a trial's accuracy at epoch e approaches a known function of its dropout and learning rate, so
 * how close a search gets to the optimum is measured exactly, and every rule of halving still checked.
 */
class ModelBasedHalvingTest {
    /** The accuracy a configuration's curve approaches: 1 at dropout 0.3 and learning rate 0.01. */
    private static double bowl(ModelConfig m) {
        double x = m.get(Hyperparameters.DROPOUT) - 0.3;
        double y = (Math.log10(m.get(Hyperparameters.LEARNING_RATE)) + 2) / 3;
        return 1 - x * x - y * y;
    }

    private static SearchPlan plan(String sampler, String mode, int brackets, int trials, long seed,
                                   String extra) {
        return SearchPlan.of(new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "/x"},
                 "search": {"strategy": "halving", "baseline": false, "trials": %d,
                            "space": {"dropout": {"low": 0.0, "high": 0.9},
                                      "learning_rate": {"low": 0.0001, "high": 0.1, "log": true}},
                            "halving": {"eta": 3, "min_epochs": 1, "max_epochs": 9, "mode": "%s", "brackets": %d,
                                        "sampler": "%s"%s}},
                 "execution": {"seed": %d},
                 "output": "/tmp/model-based-halving-test"}""".formatted(trials, mode, brackets, sampler, extra, seed),
                "t.json", "t", List.of()));
    }

    /** Each trial's curve approaches {@code f} of its configuration: {@code f(config) * (1 - 0.5^epoch)}. */
    private static List<TrialResult> train(List<TrialConfig> wave, ToDoubleFunction<ModelConfig> f,
                                           List<TrialResult> finished) {
        return HalvingCurves.train(wave, (t, epoch) -> f.applyAsDouble(t.model()) * (1 - Math.pow(0.5, epoch)),
                finished);
    }

    /** Runs a search to its end, {@code workers} trials at a time, each wave ending together. */
    private static List<TrialResult> search(SearchStrategy strategy, int workers, ToDoubleFunction<ModelConfig> f) {
        List<TrialResult> done = new ArrayList<>();
        List<TrialConfig> next;
        while (!(next = strategy.nextTrials(done)).isEmpty()) {
            done = train(next.subList(0, Math.min(workers, next.size())), f, done);
        }
        return strategy.settle(done);
    }

    private static double bestAtNine(List<TrialResult> results) {
        return results.stream().filter(r -> r.epochs().size() == 9)
                .mapToDouble(r -> r.epochs().get(8).valAccuracy()).max().orElse(0);
    }

    @Test
    void tpeCandidatesGetCloserToTheOptimumThanRandomOnesOver30Seeds() {
        double[] tpe = new double[30];
        double[] random = new double[30];
        for (int seed = 0; seed < 30; seed++) {
            tpe[seed] = 1 - bestAtNine(search(plan("tpe", "asynchronous", 1, 81, seed, "").strategy(), 1,
                    ModelBasedHalvingTest::bowl)) / (1 - Math.pow(0.5, 9));
            random[seed] = 1 - bestAtNine(search(plan("random", "asynchronous", 1, 81, seed, "").strategy(), 1,
                    ModelBasedHalvingTest::bowl)) / (1 - Math.pow(0.5, 9));
        }
        double tpeMedian = median(tpe);
        double randomMedian = median(random);
        assertTrue(tpeMedian < randomMedian / 2, "median distance from the optimum after halving 81 candidates:"
                + " TPE " + tpeMedian + ", random " + randomMedian);
    }

    /** Synchronous halving and Hyperband's brackets climb their rungs as with fixed candidates. */
    @ParameterizedTest
    @CsvSource({"synchronous, 1, 4", "asynchronous, 1, 4", "synchronous, 3, 3", "asynchronous, 3, 1"})
    void everyBracketStartsAllItsCandidatesAndPromotesItsBestThird(String mode, int brackets, int workers) {
        List<TrialResult> settled = search(plan("tpe", mode, brackets, 27, 11, "").strategy(), workers,
                ModelBasedHalvingTest::bowl);
        assertEquals(27, settled.size(), "every candidate trained");
        assertEquals(27, settled.stream().map(r -> r.model().anyEpochs()).distinct().count(),
                "no configuration proposed twice");
        long atNine = settled.stream().filter(r -> r.epochs().size() == 9).count();
        assertTrue(settled.stream().filter(r -> r.status() == TrialStatus.OK).allMatch(r -> r.epochs().size() == 9),
                "only trials that reached the last rung end OK");
        if (brackets == 1 && mode.equals("synchronous")) {
            // 27 -> 9 -> 3: as with fixed candidates.
            assertEquals(3, atNine);
            assertEquals(9, settled.stream().filter(r -> r.epochs().size() >= 3).count());
        }
        assertTrue(atNine >= 3, atNine + " trials reached 9 epochs");
    }

    @Test
    void theSameResultsGiveTheSameProposalsSoAResumedSearchContinuesAsTheFirstWould() {
        SearchStrategy first = plan("tpe", "asynchronous", 1, 40, 5, "").strategy();
        List<TrialResult> done = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            done = train(List.of(first.nextTrials(done).get(0)), ModelBasedHalvingTest::bowl, done);
        }
        SearchStrategy resumed = plan("tpe", "asynchronous", 1, 40, 5, "").strategy();
        assertEquals(first.nextTrials(done), resumed.nextTrials(done));
        // A proposal that started keeps its configuration while it runs, whatever finishes meanwhile.
        List<TrialConfig> next = first.nextTrials(done);
        TrialConfig fresh = next.stream().filter(t -> t.rung() == 0).findFirst().orElseThrow();
        TrialConfig other = next.stream().filter(t -> t.trialId() != fresh.trialId()).findFirst().orElseThrow();
        List<TrialResult> more = train(List.of(other), ModelBasedHalvingTest::bowl, done);
        TrialConfig running = first.nextTrials(more, Set.of(fresh.trialId())).stream()
                .filter(t -> t.trialId() == fresh.trialId()).findFirst().orElse(fresh);
        assertEquals(fresh, running);
        assertTrue(first.nextTrials(more, Set.of(fresh.trialId())).stream().noneMatch(t -> t.trialId() != fresh.trialId()
                && t.model().anyEpochs().equals(fresh.model().anyEpochs())), "no other candidate is proposed as the"
                + " running one");
    }

    @Test
    void withRandomFractionOneTheResultsDoNotSteerTheCandidates() {
        ToDoubleFunction<ModelConfig> reversed = m -> 2 - bowl(m);
        Set<ModelConfig> a = rungZero(search(plan("tpe", "synchronous", 1, 27, 3, ", \"random_fraction\": 1")
                .strategy(), 1, ModelBasedHalvingTest::bowl));
        Set<ModelConfig> b = rungZero(search(plan("tpe", "synchronous", 1, 27, 3, ", \"random_fraction\": 1")
                .strategy(), 1, reversed));
        assertEquals(a, b);
        Set<ModelConfig> steered = rungZero(search(plan("tpe", "synchronous", 1, 27, 3, ", \"random_fraction\": 0")
                .strategy(), 1, ModelBasedHalvingTest::bowl));
        assertTrue(!steered.equals(a), "with random_fraction 0 the model proposes what random draws would not");
    }

    @Test
    void thePlanCountsTheCandidatesTpeWillPropose() {
        SearchPlan plan = plan("tpe", "synchronous", 1, 27, 1, "");
        assertEquals(27, plan.trials());
        // 27 at 1 epoch, 9 more to 3 (2 each), 3 more to 9 (6 each): 27 + 18 + 18.
        assertEquals(63, plan.epochs());
        Map<Integer, Long> firstWave = plan.strategy().nextTrials(List.of()).stream()
                .collect(Collectors.groupingBy(TrialConfig::rung, Collectors.counting()));
        assertEquals(Map.of(0, 4L), firstWave, "a batch of proposals at a time, each counting the ones before"
                + " it as running");
        assertEquals(4, plan.strategy().nextTrials(List.of()).stream().map(TrialConfig::model).distinct().count());
    }

    private static Set<ModelConfig> rungZero(List<TrialResult> results) {
        return results.stream().map(r -> r.model().anyEpochs()).collect(Collectors.toSet());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}

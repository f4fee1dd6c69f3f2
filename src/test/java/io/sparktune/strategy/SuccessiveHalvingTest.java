package io.sparktune.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.spec.Halving;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who goes on, given curves: the halving logic alone, without Spark or DL4J. */
class SuccessiveHalvingTest {
    private static SearchSpec spec() {
        return new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "/x"},
                 "search": {"strategy": "halving", "baseline": false,
                            "space": {"learning_rate": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]},
                            "halving": {"eta": 3, "min_epochs": 1, "max_epochs": 9}},
                 "output": "/tmp/halving-test"}""", "t.json", "t", List.of());
    }

    /** Each trial's curve: validation accuracy = score at every epoch it reached. */
    private static List<TrialResult> train(List<TrialConfig> wave, Map<Integer, Double> score,
                                           List<TrialResult> finished) {
        List<TrialResult> all = new ArrayList<>(finished);
        for (TrialConfig t : wave) {
            all.removeIf(r -> r.trialId() == t.trialId());
            List<EpochResult> curve = new ArrayList<>();
            for (int e = 1; e <= t.model().epochs(); e++) {
                double acc = score.get(t.trialId());
                curve.add(new EpochResult(e, 1, acc, 1, acc, acc, acc, acc, 1));
            }
            assertEquals(t.checkpoint().earlier().size(), t.rung() == 0 ? 0 : t.checkpoint().earlier().size());
            all.add(new TrialResult(t.trialId(), t.model(), t.seed(), t.rung(), TrialStatus.OK, null, curve, null,
                    1, 0, 0, null, null));
        }
        return all;
    }

    @Test
    void rungsTrainOneThenThreeThenNineEpochsKeepingTheBestThird() {
        assertEquals(List.of(1, 3, 9), new Halving(3, 1, 9).rungEpochs());
        assertEquals(List.of(2, 4, 5), new Halving(2, 2, 5).rungEpochs());
        SearchStrategy halving = Strategies.forSpec(spec());
        // Trial i (learning rate i/10) scores 1 - |i - 6| / 10: trial 6 is best, then 5 and 7.
        Map<Integer, Double> score = new java.util.HashMap<>();
        for (int i = 1; i <= 9; i++) {
            score.put(i, 1 - Math.abs(i - 6) / 10.0);
        }
        List<TrialConfig> rung0 = halving.nextTrials(List.of());
        assertEquals(9, rung0.size());
        assertTrue(rung0.stream().allMatch(t -> t.model().epochs() == 1 && t.rung() == 0));
        List<TrialResult> done = train(rung0, score, List.of());

        List<TrialConfig> rung1 = halving.nextTrials(done);
        assertEquals(List.of(5, 6, 7), rung1.stream().map(TrialConfig::trialId).sorted().toList());
        assertTrue(rung1.stream().allMatch(t -> t.model().epochs() == 3 && t.rung() == 1
                && t.checkpoint().earlier().size() == 1), "continued from rung 0's checkpoint and curve");
        assertTrue(rung1.get(0).checkpoint().path().startsWith("file:/tmp/halving-test/checkpoints/trial-00000"));
        done = train(rung1, score, done);

        List<TrialConfig> rung2 = halving.nextTrials(done);
        assertEquals(List.of(6), rung2.stream().map(TrialConfig::trialId).toList());
        assertEquals(9, rung2.get(0).model().epochs());
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
}

package io.sparktune.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.strategy.SearchStrategy;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two recordings of a two-configuration space under different seeds: configuration A is a coin toss (0.50
 * or 0.30 after its second epoch, mean 0.40), B a steady 0.45.
 */
class RecordedCurvesTest {
    private static final ModelConfig A = ModelConfig.REFERENCE.with(Hyperparameters.LEARNING_RATE, 0.01)
            .with(Hyperparameters.EPOCHS, 2);
    private static final ModelConfig B = ModelConfig.REFERENCE.with(Hyperparameters.LEARNING_RATE, 0.001)
            .with(Hyperparameters.EPOCHS, 2);

    private static TrialResult run(int id, ModelConfig model, double second, double seconds) {
        List<EpochResult> curve = List.of(epoch(1, 0.30, seconds), epoch(2, second, seconds));
        return new TrialResult(id, model, id, 0, TrialStatus.OK, null, curve, null, 2 * seconds, 0, 0, "h", null);
    }

    private static EpochResult epoch(int epoch, double accuracy, double seconds) {
        return new EpochResult(epoch, 1, accuracy, 1, accuracy, accuracy, accuracy, accuracy, seconds);
    }

    private static final RecordedCurves CURVES = RecordedCurves.repeats(List.of(
            List.of(run(1, A, 0.50, 2), run(2, B, 0.45, 1)),
            List.of(run(1, A, 0.30, 4), run(2, B, 0.45, 1))));

    private static double accuracy(TrialResult r) {
        return Objective.VAL_ACCURACY.value(r);
    }

    @Test
    void aConfigurationsMeanCurveAveragesItsRunsEpochByEpoch() {
        assertEquals(2, CURVES.size());
        assertEquals(2, CURVES.repeats());
        TrialResult a = CURVES.means().stream().filter(r -> r.model().equals(A)).findFirst().orElseThrow();
        assertEquals(0.40, a.epochs().get(1).valAccuracy(), 1e-12);
        assertEquals(0.30, a.epochs().get(0).valAccuracy(), 1e-12);
        assertEquals(3.0, a.epochs().get(1).seconds(), 1e-12, "seconds averaged too");
    }

    @Test
    void eachTrialSeesOneRunDrawnByItsSeedAndKeepsItWhenContinued() {
        Set<Double> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            RecordedCurves.Replay full = CURVES.replay(new TrialConfig(7, A, seed));
            RecordedCurves.Replay rung = CURVES.replay(new TrialConfig(7, A.with(Hyperparameters.EPOCHS, 1), seed));
            double last = full.result().epochs().get(1).valAccuracy();
            assertTrue(last == 0.50 || last == 0.30, "a recorded run, not the mean: " + last);
            assertEquals(seed % 2 == 0 ? 0.50 : 0.30, last, "the seed picks the run");
            assertEquals(0.40, accuracy(full.expected()), 1e-12, "worth the configuration's mean");
            assertEquals(1, rung.result().epochs().size());
            assertEquals(6.0, full.seconds(), 1e-12, "two epochs, each the mean of its runs' 2 and 4 seconds");
            seen.add(last);
        }
        assertEquals(Set.of(0.50, 0.30), seen, "both runs are drawn");
    }

    @Test
    void aSimulatedSearchPicksByWhatItSawAndIsJudgedByTheMean() {
        for (long seed = 0; seed < 4; seed++) {
            List<TrialConfig> both = List.of(new TrialConfig(1, A, seed), new TrialConfig(2, B, seed));
            SearchStrategy grid = (finished, running) -> finished.isEmpty() && running.isEmpty() ? both : List.of();
            Simulation run = Simulation.run(grid, CURVES, 2, Objective.VAL_ACCURACY);
            List<Double> seenA = new ArrayList<>();
            run.results().stream().filter(r -> r.trialId() == 1).forEach(r -> seenA.add(accuracy(r)));
            // A drew 0.50: it looks best, and a search picking it gets a configuration worth 0.40. A drew
            // 0.30: B looks best and is worth its 0.45.
            double expected = seenA.get(0) > 0.45 ? 0.40 : 0.45;
            assertEquals(expected, run.bestAt(Double.MAX_VALUE), 1e-12, "seed " + seed + ", A saw " + seenA);
        }
    }

    @Test
    void aValueCountsAsReachedOnlyOnceTheSearchKeepsIt() {
        for (long seed = 0; seed < 2; seed++) {
            // One core: B first, then A, which draws its lucky 0.50 run for an even seed.
            List<TrialConfig> inOrder = List.of(new TrialConfig(1, B, seed), new TrialConfig(2, A, seed));
            SearchStrategy ordered = (finished, running) -> running.isEmpty() && finished.size() < 2
                    ? inOrder.subList(finished.size(), 2) : List.of();
            Simulation run = Simulation.run(ordered, CURVES, 1, Objective.VAL_ACCURACY);
            double[] reached = run.reached(Objective.VAL_ACCURACY, 0.45, 0);
            if (seed % 2 == 0) {
                assertEquals(0.40, run.bestAt(Double.MAX_VALUE), 1e-12, "A's lucky run displaced B");
                assertEquals(Double.POSITIVE_INFINITY, reached[0], "B's 0.45 was held only until A's run");
            } else {
                assertEquals(0.45, run.bestAt(Double.MAX_VALUE), 1e-12);
                assertEquals(1, reached[0], "kept from the first task on");
                assertEquals(2, reached[1], "after B's two epochs");
            }
        }
    }
}

package io.sparktune.confirm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.spec.ConfirmSpec;
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

/** Which configurations confirmation retrains, on which seeds, and how their seeds decide the pick. */
class ConfirmationsTest {
    private static final long SEED = 42;
    private static final Objective ACCURACY = Objective.VAL_ACCURACY;

    private static ModelConfig model(int id) {
        return ModelConfig.REFERENCE.with(Hyperparameters.LEARNING_RATE, 0.001 * id);
    }

    private static TrialResult trial(int id, double accuracy, TrialStatus status) {
        TrialConfig config = TrialConfig.of(id, model(id), SEED);
        return result(config.trialId(), config.model(), config.seed(), accuracy, status);
    }

    private static TrialResult result(int id, ModelConfig model, long seed, double accuracy, TrialStatus status) {
        List<EpochResult> epochs = Double.isNaN(accuracy) ? List.of()
                : List.of(new EpochResult(1, 1, 0.5, 1, accuracy, accuracy, accuracy, accuracy, 1));
        return new TrialResult(id, model, seed, 0, status, null, epochs, null, 1, 0, 0, null, null);
    }

    /** The run {@code plan} asks for of {@code trialId}'s {@code repeat}-th new seed, ended with {@code accuracy}. */
    private static TrialResult run(ConfirmationRuns plan, int trialId, int repeat, double accuracy) {
        int id = new ConfirmationRun(trialId, repeat).runId();
        TrialConfig config = plan.runs().stream().filter(t -> t.trialId() == id).findFirst().orElseThrow();
        return result(id, config.model(), config.seed(), accuracy, Double.isNaN(accuracy) ? TrialStatus.DIVERGED
                : TrialStatus.OK);
    }

    private static final List<TrialResult> SEARCH = List.of(
            trial(1, 0.50, TrialStatus.OK),
            trial(2, 0.71, TrialStatus.OK),
            trial(3, 0.90, TrialStatus.PRUNED),   // best by its value, but stopped at a low rung
            trial(4, 0.69, TrialStatus.OK),
            trial(5, 0.70, TrialStatus.OK),
            trial(6, Double.NaN, TrialStatus.FAILED));

    @Test
    void retrainsTheBestTrialsThatRanTheirWholeBudgetOnNewSeedsOfTheirOwn() {
        ConfirmationRuns plan = ConfirmationRuns.of(new ConfirmSpec(3, 2, true), SEARCH, ACCURACY, SEED);
        assertEquals(List.of(2, 5, 4), plan.top().stream().map(TrialResult::trialId).toList(),
                "the top 3 by the objective among trials that ran their whole budget; the pruned one is not");
        assertEquals(6, plan.runs().size());
        Set<Long> seeds = new HashSet<>();
        SEARCH.forEach(t -> seeds.add(t.seed()));
        for (TrialConfig run : plan.runs()) {
            ConfirmationRun id = ConfirmationRun.of(run.trialId());
            TrialResult original = SEARCH.stream().filter(t -> t.trialId() == id.trialId()).findFirst().orElseThrow();
            assertEquals(original.model(), run.model(), "the same configuration, to the same epochs");
            assertTrue(seeds.add(run.seed()), "a seed no trial and no other run had: " + run);
            assertTrue(ConfirmationRun.isRun(run.trialId()));
        }
        assertEquals(plan.runs(), ConfirmationRuns.of(new ConfirmSpec(3, 2, true), SEARCH, ACCURACY, SEED).runs(),
                "a rerun asks for the same runs, so a resume can keep those done");
    }

    @Test
    void asksOnlyForRunsNeitherFinishedNorRunning() {
        ConfirmationRuns plan = ConfirmationRuns.of(new ConfirmSpec(2, 2, true), SEARCH, ACCURACY, SEED);
        TrialResult done = run(plan, 2, 1, 0.6);
        int running = new ConfirmationRun(5, 1).runId();
        List<Integer> next = plan.nextTrials(List.of(done), Set.of(running)).stream().map(TrialConfig::trialId)
                .toList();
        assertEquals(List.of(new ConfirmationRun(2, 2).runId(), new ConfirmationRun(5, 2).runId()), next);
        assertTrue(plan.nextTrials(List.of(done, run(plan, 2, 2, 0.6), run(plan, 5, 1, 0.6), run(plan, 5, 2, 0.6)),
                Set.of()).isEmpty(), "nothing left once every run has a result");
    }

    @Test
    void theBestMeanOverTheSeedsIsThePickNotTheLuckiestRun() {
        ConfirmationRuns plan = ConfirmationRuns.of(new ConfirmSpec(3, 2, true), SEARCH, ACCURACY, SEED);
        List<TrialResult> runs = List.of(run(plan, 2, 1, 0.62), run(plan, 2, 2, 0.65),
                run(plan, 5, 1, 0.69), run(plan, 5, 2, 0.71), run(plan, 4, 1, 0.60), run(plan, 4, 2, 0.61));
        Confirmations confirmed = Confirmations.of(plan, runs, ACCURACY);
        assertEquals(List.of(5, 2, 4), confirmed.ranked().stream().map(Confirmed::trialId).toList());
        Confirmed pick = confirmed.pick().orElseThrow();
        assertEquals(0.70, pick.mean(), 1e-12, "the search's run and both new seeds");
        assertEquals(0.01, pick.sd(), 1e-12, "the sample standard deviation of 0.70, 0.69, 0.71");
        assertEquals(3, pick.runs());
        assertEquals(5, confirmed.best(SEARCH, ACCURACY).orElseThrow().trialId(),
                "the final check takes the pick, not trial 2, the best of one run");
        assertEquals(List.of(5, 2, 4, 3, 1, 6), confirmed.order(SEARCH, ACCURACY).stream()
                .map(TrialResult::trialId).toList(), "confirmed by their mean first, then the rest by the objective");
    }

    @Test
    void aSeedThatDivergesRanksTheConfigurationBehindTheOnesThatTrainedOnEverySeed() {
        ConfirmationRuns plan = ConfirmationRuns.of(new ConfirmSpec(2, 1, true), SEARCH, ACCURACY, SEED);
        Confirmations confirmed = Confirmations.of(plan, List.of(run(plan, 2, 1, Double.NaN), run(plan, 5, 1, 0.5)),
                ACCURACY);
        assertEquals(List.of(5, 2), confirmed.ranked().stream().map(Confirmed::trialId).toList());
        assertEquals(1, confirmed.of(2).orElseThrow().failed());
    }

    @Test
    void runsOfTrialsNoLongerConfirmedAreLeftOutAndWithoutRunsTheSearchsBestIsThePick() {
        ConfirmationRuns wider = ConfirmationRuns.of(new ConfirmSpec(3, 1, true), SEARCH, ACCURACY, SEED);
        ConfirmationRuns narrower = ConfirmationRuns.of(new ConfirmSpec(1, 1, true), SEARCH, ACCURACY, SEED);
        List<TrialResult> runs = new ArrayList<>(List.of(run(wider, 2, 1, 0.6), run(wider, 4, 1, 0.9)));
        assertEquals(List.of(2), Confirmations.of(narrower, runs, ACCURACY).ranked().stream()
                .map(Confirmed::trialId).toList());
        assertFalse(Confirmations.NONE.pick().isPresent());
        assertEquals(3, Confirmations.NONE.best(SEARCH, ACCURACY).orElseThrow().trialId(),
                "without confirmation the objective's best, as before (a pruned trial included)");
    }

    @Test
    void onByDefaultFromEightTrialsAndOffWhenTheSpecSaysSo() {
        assertFalse(ConfirmSpec.AUTO.appliesTo(7));
        assertTrue(ConfirmSpec.AUTO.appliesTo(8));
        assertFalse(ConfirmSpec.OFF.appliesTo(100));
        assertTrue(new ConfirmSpec(1, 1, true).appliesTo(2));
    }
}

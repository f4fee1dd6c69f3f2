package io.sparktune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.model.ModelConfig;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The numbers of a progress line, from a search's state, without Spark. */
class ProgressEstimateTest {
    private static TrialConfig trial(int id) {
        return new TrialConfig(id, ModelConfig.REFERENCE, id);
    }

    private static TrialResult result(int id, double accuracy) {
        return new TrialResult(id, ModelConfig.REFERENCE, id, 0, TrialStatus.OK, null,
                List.of(new EpochResult(1, 1, accuracy, 1, accuracy, accuracy, accuracy, accuracy, 10)), null, 10, 0, 0,
                null, null);
    }

    @Test
    void aStrategyThatNamesAFewTrialsAtATimeStillCountsAgainstThePlansTotal() {
        // TPE names its trials a few at a time; the progress line should still say "of 20", not "of 4".
        ProgressEstimate estimate = new ProgressEstimate(t -> 1, Objective.VAL_ACCURACY, 20, 20,
                System.currentTimeMillis());
        estimate.taskEnded(trial(1), 10);
        List<TrialResult> finished = List.of(result(1, 0.4));
        SearchProgress.Update u = estimate.update(trial(1), finished.get(0), finished, List.of(trial(2)),
                List.of(trial(3), trial(4)), 2);
        assertEquals(20, u.known());
        assertEquals(4, ProgressEstimate.known(finished, List.of(trial(2)), List.of(trial(3), trial(4)), 0),
                "without a plan's count, the trials asked for so far");
    }

    @Test
    void theEtaIsTheKnownWorkAheadAtThePaceSoFarSpreadOverTheCores() {
        // Trial 3 costs twice what trials 1, 2 and 4 do; a unit of work has taken a core 10 s.
        long fiveSecondsAgo = System.currentTimeMillis() - 5000;
        ProgressEstimate estimate = new ProgressEstimate(t -> t.trialId() == 3 ? 2 : 1, Objective.VAL_ACCURACY, 0, 0,
                fiveSecondsAgo);
        estimate.taskEnded(trial(1), 10);
        estimate.taskEnded(trial(2), 10);
        List<TrialResult> finished = List.of(result(1, 0.4), result(2, 0.6));
        SearchProgress.Update u = estimate.update(trial(2), finished.get(1), finished, List.of(trial(3)),
                List.of(trial(4)), 2);
        assertEquals(2, u.done());
        assertEquals(4, u.known());
        assertEquals(0.6, u.best(), 1e-12);
        // Ahead: trial 4 (1 unit) and half of running trial 3 (1 unit) = 20 core-seconds over 2 cores.
        assertEquals(10, u.etaSeconds(), 1e-9);
        assertEquals(5, u.elapsedSeconds(), 1, "the search started five seconds ago");
    }

    @Test
    void beforeAnyTaskHasEndedThereIsNoPaceAndSoNoEta() {
        ProgressEstimate estimate = new ProgressEstimate(t -> 1, Objective.VAL_ACCURACY, 0, 0, System.currentTimeMillis());
        SearchProgress.Update u = estimate.update(trial(1), result(1, 0.5), List.of(result(1, 0.5)), List.of(),
                List.of(trial(2)), 2);
        assertTrue(Double.isNaN(u.etaSeconds()));
    }

    @Test
    void promotionsTheStrategyHasNotAskedForYetCountWhenThePlanExpectsThem() {
        // Halving planned 10 units in all; 2 are done, 1 runs, and no further trial is known yet.
        ProgressEstimate estimate = new ProgressEstimate(t -> 1, Objective.VAL_ACCURACY, 10, 0, System.currentTimeMillis());
        estimate.taskEnded(trial(1), 10);
        estimate.taskEnded(trial(2), 10);
        List<TrialResult> finished = List.of(result(1, 0.4), result(2, 0.6));
        SearchProgress.Update u = estimate.update(trial(2), finished.get(1), finished, List.of(trial(3)),
                List.of(), 2);
        // 10 - 2 done - half of the running one = 7.5 units of 10 core-seconds, over both cores.
        assertEquals(37.5, u.etaSeconds(), 1e-9);
    }
}

package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparktune.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One definition of the best trial, which the summary, the ranking, the report and the final check share. */
class ObjectiveTest {
    private static TrialResult trial(int id, TrialStatus status, double... accuracies) {
        List<EpochResult> curve = new ArrayList<>();
        for (int e = 0; e < accuracies.length; e++) {
            // Validation loss falls as accuracy rises, F1 is accuracy less a little.
            curve.add(new EpochResult(e + 1, 1, accuracies[e], 2 - 2 * accuracies[e], accuracies[e], 0, 0,
                    accuracies[e] - 0.01, 1));
        }
        return new TrialResult(id, ModelConfig.REFERENCE, id, 0, status, null, curve, null, 1, 0, 0, null, null);
    }

    /** A trial pruned at a rung it did well in can be the best: halving stopped it, it did not fail. */
    @Test
    void thePrunedTrialWithTheHighestAccuracyIsTheBest() {
        List<TrialResult> results = List.of(trial(1, TrialStatus.OK, 0.40, 0.44), trial(2, TrialStatus.PRUNED, 0.46),
                trial(3, TrialStatus.DIVERGED, 0.50), trial(4, TrialStatus.FAILED));
        assertEquals(Optional.of(2), Objective.VAL_ACCURACY.best(results).map(TrialResult::trialId));
        assertEquals(List.of(2, 1, 3, 4), results.stream().sorted(Objective.VAL_ACCURACY.order()).map(TrialResult::trialId).toList(),
                "healthy trials by accuracy first, then the rest by id, as the ranking's SQL orders them");
    }

    @Test
    void aTieGoesToTheLowerTrialIdAndNoHealthyTrialMeansNoBest() {
        assertEquals(Optional.of(3), Objective.VAL_ACCURACY.best(List.of(trial(5, TrialStatus.OK, 0.5), trial(3, TrialStatus.OK, 0.5)))
                .map(TrialResult::trialId));
        assertEquals(Optional.empty(), Objective.VAL_ACCURACY.best(List.of(trial(1, TrialStatus.DIVERGED, 0.9),
                trial(2, TrialStatus.FAILED))));
    }

    /** The epoch each trial is judged by, and so the best trial, follow the objective a search names. */
    @Test
    void validationLossIsMinimisedAndItsBestEpochIsTheOneWithTheLowestLoss() {
        TrialResult a = trial(1, TrialStatus.OK, 0.40, 0.48, 0.45);
        TrialResult b = trial(2, TrialStatus.OK, 0.47);
        assertEquals(2, Objective.VAL_LOSS.bestEpoch(a).orElseThrow().epoch());
        assertEquals(2 - 2 * 0.48, Objective.VAL_LOSS.value(a), 1e-12);
        assertEquals(Optional.of(1), Objective.VAL_LOSS.best(List.of(a, b)).map(TrialResult::trialId));
        assertEquals(Optional.of(1), Objective.VAL_F1.best(List.of(a, b)).map(TrialResult::trialId));
        assertEquals(-(2 - 2 * 0.40), Objective.VAL_LOSS.scoreWithin(a, 1), 1e-12,
                "within a rung of 1 epoch, as halving judges it: higher is better, so the loss negated");
        assertEquals("status IN ('ok', 'pruned') DESC, best_objective ASC NULLS LAST, trial_id",
                Objective.VAL_LOSS.sqlOrder());
    }
}

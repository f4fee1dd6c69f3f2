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
            curve.add(new EpochResult(e + 1, 1, accuracies[e], 1, accuracies[e], 0, 0, 0, 1));
        }
        return new TrialResult(id, ModelConfig.REFERENCE, id, 0, status, null, curve, null, 1, 0, 0, null, null);
    }

    /** A trial pruned at a rung it did well in can be the best: halving stopped it, it did not fail. */
    @Test
    void thePrunedTrialWithTheHighestAccuracyIsTheBest() {
        List<TrialResult> results = List.of(trial(1, TrialStatus.OK, 0.40, 0.44), trial(2, TrialStatus.PRUNED, 0.46),
                trial(3, TrialStatus.DIVERGED, 0.50), trial(4, TrialStatus.FAILED));
        assertEquals(Optional.of(2), Objective.best(results).map(TrialResult::trialId));
        assertEquals(List.of(2, 1, 3, 4), results.stream().sorted(Objective.ORDER).map(TrialResult::trialId).toList(),
                "healthy trials by accuracy first, then the rest by id, as the ranking's SQL orders them");
    }

    @Test
    void aTieGoesToTheLowerTrialIdAndNoHealthyTrialMeansNoBest() {
        assertEquals(Optional.of(3), Objective.best(List.of(trial(5, TrialStatus.OK, 0.5), trial(3, TrialStatus.OK, 0.5)))
                .map(TrialResult::trialId));
        assertEquals(Optional.empty(), Objective.best(List.of(trial(1, TrialStatus.DIVERGED, 0.9),
                trial(2, TrialStatus.FAILED))));
    }
}

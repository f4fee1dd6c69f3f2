package io.sparktune.report;

import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A search's best objective so far against the core-seconds it had spent, trial by trial in the order they
 * finished: how searches are compared, since what users pay for is core time.
 *
 * @param points pairs of (core-seconds spent, best value so far), one per trial that could be the best
 */
public record AnytimeCurve(String name, String folder, List<double[]> points) {

    public static AnytimeCurve of(String name, String folder, List<TrialResult> results, Objective objective,
                                  int threadsPerTrial) {
        List<TrialResult> inOrder = results.stream().sorted(Comparator.comparingLong(TrialResult::finishedAt)
                .thenComparingInt(TrialResult::trialId)).toList();
        List<double[]> points = new ArrayList<>();
        double spent = 0;
        double best = Double.NaN;
        for (TrialResult r : inOrder) {
            spent += r.trainSeconds() * threadsPerTrial;
            if (objective.counts(r)) {
                double value = objective.value(r);
                best = objective.better(value, best);
                points.add(new double[] {spent, best});
            }
        }
        return new AnytimeCurve(name, folder, List.copyOf(points));
    }
}

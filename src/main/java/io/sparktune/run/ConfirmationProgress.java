package io.sparktune.run;

import io.sparktune.confirm.ConfirmationRun;
import io.sparktune.model.Hyperparameter;
import io.sparktune.spark.SearchProgress;
import io.sparktune.trial.Numbers;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A line per confirmation run as it ends, beside the value the same configuration had in the search, so
 * the console shows the search's luck as it is measured.
 */
final class ConfirmationProgress implements SearchProgress {
    private final PrintWriter out;
    private final List<Hyperparameter<?>> searched;
    private final Objective objective;
    private final Map<Integer, TrialResult> searchRuns;

    ConfirmationProgress(PrintWriter out, List<Hyperparameter<?>> searched, Objective objective,
                         List<TrialResult> confirmed) {
        this.out = out;
        this.searched = searched;
        this.objective = objective;
        this.searchRuns = confirmed.stream().collect(Collectors.toMap(TrialResult::trialId, Function.identity()));
    }

    @Override
    public void trialEnded(Update u) {
        TrialResult r = u.result();
        ConfirmationRun run = ConfirmationRun.of(r.trialId());
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[confirm %d/%d] ", u.done(), u.known()))
                .append(run.label(r.model(), searched));
        line.append("  ").append(r.status() == TrialStatus.OK ? objective.format(objective.value(r))
                : r.status().column() + ": " + ProgressPrinter.firstLine(r.error()));
        TrialResult search = searchRuns.get(run.trialId());
        if (search != null) {
            line.append(" (in the search " + Numbers.shortScore(objective.value(search)) + ")");
        }
        line.append("  ").append(ProgressPrinter.duration(r.trainSeconds()));
        if (!Double.isNaN(u.etaSeconds()) && u.done() < u.known()) {
            line.append("  ETA ").append(ProgressPrinter.duration(u.etaSeconds()));
        }
        out.println(line);
        out.flush();
    }
}

package io.sparktune.spark;

import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;

/** Hears of each trial as it ends on the driver, e.g. to print a progress line. */
public interface SearchProgress {
    SearchProgress SILENT = update -> { };

    void trialEnded(Update update);

    /**
     * One trial's end in the context of the whole search: {@code done} trials have a result (earlier runs'
     * included) out of {@code known} the strategy has asked for so far (successive halving's later rungs
     * add no new trials); the best validation accuracy so far; seconds since the run began; and the
     * seconds expected until the known trials are done (NaN before any trial has ended).
     */
    record Update(TrialConfig trial, TrialResult result, int done, int known, double best, double elapsedSeconds,
                  double etaSeconds) {
    }
}

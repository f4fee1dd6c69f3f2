package io.sparktune.spark;

import io.sparktune.trial.EpochResult;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.List;

/**
 * Hears on the driver of each trial as it ends, e.g. to print a progress line, and of every change in
 * what is running, e.g. to keep a status file that another terminal can read.
 */
public interface SearchProgress {
    SearchProgress SILENT = update -> { };

    void trialEnded(Update update);

    /** A trial still training finished an epoch; heard within seconds of it, not when the trial ends. */
    default void epochEnded(Epoch epoch) {
    }

    /** A trial started or ended; called after {@link #trialEnded} for an end. */
    default void changed(Snapshot snapshot) {
    }

    /**
     * Where the search stands: trials with a result (earlier runs' included), those the strategy has asked
     * for so far, those training now and since when, those waiting for a core, the best so far (trial id
     * -1 and NaN before any), the seconds expected until the known trials are done (NaN before any trial
     * has ended), and when this run began.
     */
    record Snapshot(int done, int known, List<Running> running, int waiting, int bestTrialId, double best,
                    double etaSeconds, long startedAtMillis) {
        public Snapshot {
            running = List.copyOf(running);
        }
    }

    /** A trial training now: its label as the console writes it, and when it was handed to Spark. */
    record Running(int trialId, String label, long sinceMillis) {
    }

    /** Epoch {@code epoch} of a running trial that trains {@code epochs} in all. */
    record Epoch(Running trial, int epochs, EpochResult epoch) {
    }

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

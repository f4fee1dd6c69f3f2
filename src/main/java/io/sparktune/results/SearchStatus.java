package io.sparktune.results;

import io.sparktune.trial.EpochResult;
import java.util.List;

/**
 * Where a search stands, as its driver last wrote it to {@code <output>/status.json} (on every trial start
 * and end, and when the run ends): for {@code sparktune status} and the live report, which read files only.
 *
 * @param state {@code running}, {@code ended} or {@code interrupted}
 * @param holder the driver process as pid@host
 * @param startedAt when this run began (ISO-8601)
 * @param updatedAt when this was written
 * @param done trials with a result, earlier runs' included
 * @param known trials the strategy has asked for so far (halving's later rungs add none)
 * @param running the trials training now
 * @param waiting trials asked for that wait for a core
 * @param bestTrialId the best trial so far, null before any
 * @param bestValue its value of the search's objective
 * @param objective the search's objective, e.g. val_accuracy
 * @param etaSeconds seconds expected until the known trials are done; null before any trial has ended
 * @param stopReason why the run stopped, once it has
 * @param confirming the confirmation on new seeds, while it runs after the trials; null otherwise
 */
public record SearchStatus(String state, String holder, String startedAt, String updatedAt, int done, int known,
                           List<RunningTrial> running, int waiting, Integer bestTrialId, Double bestValue,
                           String objective, Double etaSeconds, String stopReason, Confirming confirming) {
    public static final String FILE = "status.json";
    public static final String RUNNING = "running";
    public static final String ENDED = "ended";
    public static final String INTERRUPTED = "interrupted";

    public SearchStatus {
        running = running == null ? List.of() : List.copyOf(running);
    }

    /**
     * A trial training now, labelled as the console labels it, handed to Spark at {@code since} (ISO-8601), with
     * the epochs it has finished so far of the {@code epochs} it trains (heard while it runs).
     */
    public record RunningTrial(int trialId, String label, String since, int epochs, List<EpochResult> curve) {
        public RunningTrial {
            curve = curve == null ? List.of() : List.copyOf(curve);
        }
    }

    /** The confirmation runs: {@code done} of {@code runs} have a result, {@code running} train now. */
    public record Confirming(int done, int runs, List<RunningTrial> running) {
        public Confirming {
            running = running == null ? List.of() : List.copyOf(running);
        }
    }
}

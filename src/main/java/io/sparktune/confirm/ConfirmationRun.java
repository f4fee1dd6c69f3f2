package io.sparktune.confirm;

import io.sparktune.model.Hyperparameter;
import io.sparktune.model.ModelConfig;
import io.sparktune.trial.TrialLabel;
import java.util.List;

/**
 * One retraining of a search's trial on a new seed: the {@code repeat}-th (from 1) of trial {@code trialId}.
 * It runs as a task of its own, so it has an id of its own, beyond any trial's: the dispatcher, the journal
 * and Spark's job groups tell tasks apart by id, and a resume finds a run already done by it.
 */
public record ConfirmationRun(int trialId, int repeat) {
    /** Trial ids stay below this (a search of a million trials is not one this tool runs). */
    static final int STRIDE = 1_000_000;

    public ConfirmationRun {
        if (trialId < 0 || trialId >= STRIDE || repeat < 1) {
            throw new IllegalArgumentException("no confirmation run " + repeat + " of trial " + trialId);
        }
    }

    public int runId() {
        return repeat * STRIDE + trialId;
    }

    /** Whether a task's id is a confirmation run's rather than a trial's. */
    public static boolean isRun(int id) {
        return id >= STRIDE;
    }

    public static ConfirmationRun of(int runId) {
        return new ConfirmationRun(runId % STRIDE, runId / STRIDE);
    }

    /**
     * As progress lines and Spark's job descriptions name it: "trial 5 lr=0.003 new seed 2", the configuration's
     * searched values as its trial's label shows them.
     */
    public String label(ModelConfig model, List<Hyperparameter<?>> searched) {
        return TrialLabel.of(trialId, model, searched) + " new seed " + repeat;
    }

    /** As the console names it: "trial 5, new seed 2". */
    @Override
    public String toString() {
        return "trial " + trialId + ", new seed " + repeat;
    }
}

package io.sparktune.spec;

import io.sparktune.input.SpecException;
/**
 * Limits on a search: at most {@code maxTrials} trials (counting the baseline and manual ones), and no
 * trial started after {@code minutes} of wall-clock time (running ones finish and are recorded). Null
 * means no limit.
 */
public record Budget(Integer maxTrials, Double minutes) {
    public Budget validate() {
        if (maxTrials != null && maxTrials < 1) {
            throw new SpecException("search.budget.max_trials", "must be a whole number of at least 1, got " + maxTrials);
        }
        if (minutes != null && !(minutes > 0)) {
            throw new SpecException("search.budget.minutes", "must be a number of minutes above 0, got " + minutes);
        }
        return this;
    }
}

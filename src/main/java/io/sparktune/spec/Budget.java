package io.sparktune.spec;

import io.sparktune.input.SpecField;
import io.sparktune.input.SpecSection;

/**
 * Limits on a search: at most {@code maxTrials} trials (counting the baseline and manual ones), and no
 * trial started after {@code minutes} of wall-clock time (running ones finish and are recorded). Null
 * means no limit.
 */
public record Budget(Integer maxTrials, Double minutes) {
    public static final SpecField<Integer> MAX_TRIALS = SpecField.whole("search.budget.max_trials", null)
            .valid(n -> n >= 1, "a whole number of at least 1").defaultText("no limit").mayChangeOnResume()
            .doc("Trials at most, baseline and manual ones included. Under halving it caps the candidates and"
                    + " stays part of the search: Hyperband deals them to brackets by their count.");
    public static final SpecField<Double> MINUTES = SpecField.number("search.budget.minutes", null)
            .valid(m -> m > 0, "a number of minutes above 0").defaultText("no limit").mayChangeOnResume()
            .doc("No trial starts after this much wall-clock time; running trials finish and are recorded.");
    public static final SpecSection SECTION = new SpecSection("search.budget", MAX_TRIALS, MINUTES);

    public Budget validate() {
        return SECTION.check(this);
    }
}

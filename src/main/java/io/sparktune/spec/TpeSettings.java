package io.sparktune.spec;

import io.sparktune.input.SpecField;
import io.sparktune.input.SpecSection;

/**
 * {@code search.tpe}: how the Tree-structured Parzen Estimator proposes trials. The first
 * {@code startupTrials} results come from random draws; after that, the best {@code gamma} of the results
 * (at least 1, at most 25, as Optuna) make the density of good configurations, the rest the density of
 * bad ones, and of {@code candidates} draws from the good density the one most likely good rather than bad
 * is proposed. {@code multivariate}: one joint density over all searched values, not one per value.
 * {@code constantLiar}: trials still running count as the worst result and are not proposed again; off, they
 * are ignored altogether, as Hyperopt's SparkTrials does (kept only to measure what the liar buys).
 */
public record TpeSettings(Integer startupTrials, Double gamma, Integer candidates, Boolean multivariate,
                          Boolean constantLiar) {
    public static final SpecField<Integer> STARTUP_TRIALS = SpecField.whole("search.tpe.startup_trials", 10)
            .between(1, 100_000).doc("Results drawn at random before TPE proposes from them.");
    public static final SpecField<Double> GAMMA = SpecField.number("search.tpe.gamma", 0.1)
            .valid(g -> g > 0 && g <= 1, "a number in (0, 1]: the share of results taken as good")
            .doc("The share of results (at least 1, at most 25) that make the density of good configurations.");
    public static final SpecField<Integer> CANDIDATES = SpecField.whole("search.tpe.candidates", 24)
            .between(1, 10_000).doc("Draws from the good density; the one most likely good rather than bad is"
                    + " proposed.");
    public static final SpecField<Boolean> MULTIVARIATE = SpecField.flag("search.tpe.multivariate", true)
            .doc("One joint density over all searched values, so values that did well together are proposed"
                    + " together.");
    public static final SpecField<Boolean> CONSTANT_LIAR = SpecField.flag("search.tpe.constant_liar", true)
            .doc("Running trials count as the worst result and are not proposed again; false ignores them, as"
                    + " Hyperopt's SparkTrials does.");
    public static final SpecSection SECTION = new SpecSection("search.tpe", STARTUP_TRIALS, GAMMA, CANDIDATES,
            MULTIVARIATE, CONSTANT_LIAR);

    public TpeSettings {
        constantLiar = CONSTANT_LIAR.or(constantLiar);
        startupTrials = STARTUP_TRIALS.or(startupTrials);
        gamma = GAMMA.or(gamma);
        candidates = CANDIDATES.or(candidates);
        multivariate = MULTIVARIATE.or(multivariate);
    }

    public TpeSettings validate() {
        return SECTION.check(this);
    }

    /** How many of {@code n} results count as good: gamma of them, at least 1 and at most 25. */
    public int goodCount(int n) {
        return (int) Math.max(1, Math.min(25, Math.ceil(gamma * n)));
    }
}

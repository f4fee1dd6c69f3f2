package io.sparktune.spec;

import io.sparktune.input.SpecException;

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
    public TpeSettings {
        constantLiar = constantLiar == null || constantLiar;
        startupTrials = startupTrials == null ? 10 : startupTrials;
        gamma = gamma == null ? 0.1 : gamma;
        candidates = candidates == null ? 24 : candidates;
        multivariate = multivariate == null || multivariate;
    }

    public TpeSettings validate() {
        if (startupTrials < 1 || startupTrials > 100_000) {
            throw new SpecException("search.tpe.startup_trials", "must be a whole number from 1 to 100000, got "
                    + startupTrials);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new SpecException("search.tpe.gamma", "must be a number in (0, 1]: the share of results"
                    + " taken as good, got " + gamma);
        }
        if (candidates < 1 || candidates > 10_000) {
            throw new SpecException("search.tpe.candidates", "must be a whole number from 1 to 10000, got "
                    + candidates);
        }
        return this;
    }

    /** How many of {@code n} results count as good: gamma of them, at least 1 and at most 25. */
    public int goodCount(int n) {
        return (int) Math.max(1, Math.min(25, Math.ceil(gamma * n)));
    }
}

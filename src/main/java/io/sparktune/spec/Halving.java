package io.sparktune.spec;

import io.sparktune.input.SpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * Successive halving: every candidate trains {@code minEpochs}; the best 1/{@code eta} by validation
 * accuracy continue (from their checkpoints) to {@code minEpochs * eta} epochs, and so on up to
 * {@code maxEpochs}; the rest end as pruned. {@code mode} says when promotions happen; {@code brackets}
 * above 1 runs Hyperband's brackets, bracket b starting its candidates at rung b. {@code sampler} says where
 * the candidates come from; under TPE, {@code randomFraction} of them are still drawn at random.
 */
public record Halving(Integer eta, Integer minEpochs, Integer maxEpochs, HalvingMode mode, Integer brackets,
                      CandidateSampler sampler, Double randomFraction) {
    /** BOHB's share of random candidates: enough to keep exploring, few enough for the model to matter. */
    private static final double DEFAULT_RANDOM_FRACTION = 1.0 / 3;

    public Halving {
        eta = eta == null ? 3 : eta;
        minEpochs = minEpochs == null ? 1 : minEpochs;
        mode = mode == null ? HalvingMode.ASYNCHRONOUS : mode;
        brackets = brackets == null ? 1 : brackets;
        sampler = sampler == null ? CandidateSampler.RANDOM : sampler;
    }

    /** The share of candidates TPE leaves to random draws. */
    @Override
    public Double randomFraction() {
        return randomFraction == null ? DEFAULT_RANDOM_FRACTION : randomFraction;
    }

    public Halving validate() {
        if (eta < 2 || eta > 16) {
            throw new SpecException("search.halving.eta", "must be a whole number from 2 to 16, got " + eta);
        }
        if (minEpochs < 1) {
            throw new SpecException("search.halving.min_epochs", "must be at least 1, got " + minEpochs);
        }
        if (maxEpochs == null || maxEpochs <= minEpochs || maxEpochs > 10000) {
            throw new SpecException("search.halving.max_epochs", "is required and must be above min_epochs ("
                    + minEpochs + "), up to 10000; got " + maxEpochs);
        }
        if (randomFraction != null && sampler != CandidateSampler.TPE) {
            throw new SpecException("search.halving.random_fraction", "applies to \"sampler\": \"tpe\" only, not "
                    + sampler);
        }
        if (!(randomFraction() >= 0 && randomFraction() <= 1)) {
            throw new SpecException("search.halving.random_fraction", "must be a number from 0 to 1: the share of"
                    + " candidates drawn at random rather than proposed by TPE, got " + randomFraction);
        }
        int rungs = rungEpochs().size();
        if (brackets < 1 || brackets > rungs) {
            throw new SpecException("search.halving.brackets", "must be from 1 to the number of rungs (" + rungs
                    + ": " + rungEpochs() + " epochs), got " + brackets);
        }
        return this;
    }

    /** Epochs to reach at each rung: min_epochs, times eta each rung, the last one max_epochs. */
    public List<Integer> rungEpochs() {
        List<Integer> rungs = new ArrayList<>();
        for (long e = minEpochs; ; e *= eta) {
            rungs.add((int) Math.min(e, maxEpochs));
            if (e >= maxEpochs) {
                return rungs;
            }
        }
    }
}

package io.sparktune.spec;

import io.sparktune.input.SpecException;
import io.sparktune.input.SpecField;
import io.sparktune.input.SpecSection;
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
    public static final SpecField<Integer> ETA = SpecField.whole("search.halving.eta", 3).between(2, 16)
            .doc("Each rung keeps the best 1/eta and multiplies their epochs by eta.");
    public static final SpecField<Integer> MIN_EPOCHS = SpecField.whole("search.halving.min_epochs", 1)
            .valid(e -> e >= 1, "a whole number of at least 1").doc("Epochs of the first rung.");
    public static final SpecField<Integer> MAX_EPOCHS = SpecField.whole("search.halving.max_epochs", null)
            .between(2, 10_000).defaultText("required")
            .doc("Epochs of the last rung, above min_epochs; the baseline trains for this many.");
    public static final SpecField<HalvingMode> MODE = SpecField.choice("search.halving.mode", HalvingMode.class,
            HalvingMode.ASYNCHRONOUS).doc("asynchronous (ASHA) promotes whenever a core is free; synchronous"
                    + " waits for a rung to fill.");
    public static final SpecField<Integer> BRACKETS = SpecField.whole("search.halving.brackets", 1)
            .valid(b -> b >= 1, "a whole number from 1 to the number of rungs")
            .doc("Above 1, Hyperband: bracket b starts its candidates at rung b.");
    public static final SpecField<CandidateSampler> SAMPLER = SpecField.choice("search.halving.sampler",
            CandidateSampler.class, CandidateSampler.RANDOM)
            .doc("Where candidates come from: the grid or random draws, or TPE proposals (BOHB's way).");
    /** BOHB's share of random candidates: enough to keep exploring, few enough for the model to matter. */
    public static final SpecField<Double> RANDOM_FRACTION = SpecField.number("search.halving.random_fraction",
                    1.0 / 3).defaultText("`1/3`")
            .valid(f -> f >= 0 && f <= 1, "a number from 0 to 1: the share of candidates drawn at random rather"
                    + " than proposed by TPE")
            .doc("With sampler tpe: the share of candidates still drawn at random.");
    public static final SpecSection SECTION = new SpecSection("search.halving", ETA, MIN_EPOCHS, MAX_EPOCHS, MODE,
            BRACKETS, SAMPLER, RANDOM_FRACTION);

    public Halving {
        eta = ETA.or(eta);
        minEpochs = MIN_EPOCHS.or(minEpochs);
        mode = MODE.or(mode);
        brackets = BRACKETS.or(brackets);
        sampler = SAMPLER.or(sampler);
    }

    /** The share of candidates TPE leaves to random draws. */
    @Override
    public Double randomFraction() {
        return RANDOM_FRACTION.or(randomFraction);
    }

    public Halving validate() {
        SECTION.check(this);
        if (maxEpochs == null || maxEpochs <= minEpochs) {
            throw new SpecException(MAX_EPOCHS.path(), "is required and must be above min_epochs ("
                    + minEpochs + "), up to 10000; got " + maxEpochs);
        }
        if (randomFraction != null && sampler != CandidateSampler.TPE) {
            throw new SpecException(RANDOM_FRACTION.path(), "applies to \"sampler\": \"tpe\" only, not "
                    + sampler);
        }
        int rungs = rungEpochs().size();
        if (brackets < 1 || brackets > rungs) {
            throw new SpecException(BRACKETS.path(), "must be from 1 to the number of rungs (" + rungs
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

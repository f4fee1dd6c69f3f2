package io.sparktune.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sparktune.input.SpecName;

/** Where successive halving's candidates come from. */
public enum CandidateSampler implements SpecName {
    /** Decided before the search: the space's grid, or {@code search.trials} random draws from it. */
    RANDOM,
    /** Each decided as it starts, by TPE fitted on the highest rung with enough results (BOHB). */
    TPE;

    @JsonValue
    @Override
    public String specName() {
        return SpecName.super.specName();
    }

    @JsonCreator
    public static CandidateSampler fromSpec(String text) {
        return SpecName.parse(CandidateSampler.class, text, "sampler");
    }

    @Override
    public String toString() {
        return specName();
    }
}

package io.sparktune.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sparktune.input.SpecName;

/** The order in which a wave of trials is handed to Spark, and so the order cores pick them up. */
public enum TrialOrder implements SpecName {
    /** Most expected work first (FLOPs per image x epochs), so the last trials to start are short ones. */
    LONGEST_FIRST("longest_first"),
    /** The strategy's order (trial id order for a grid). */
    AS_LISTED("as_listed");

    private final String specName;

    TrialOrder(String specName) {
        this.specName = specName;
    }

    @JsonValue
    @Override
    public String specName() {
        return specName;
    }

    @JsonCreator
    public static TrialOrder fromSpec(String text) {
        return SpecName.parse(TrialOrder.class, text, "trial order");
    }

    @Override
    public String toString() {
        return specName;
    }
}

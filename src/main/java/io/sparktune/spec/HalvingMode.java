package io.sparktune.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sparktune.input.SpecName;

/** When successive halving promotes trials: as soon as a core is free, or once a whole rung is done. */
public enum HalvingMode implements SpecName {
    /** ASHA: promote whoever is in the best 1/eta of a rung so far whenever a core is free; no core waits. */
    ASYNCHRONOUS("asynchronous"),
    /** Every candidate finishes a rung before any is promoted: the same promotions however trials are timed. */
    SYNCHRONOUS("synchronous");

    private final String specName;

    HalvingMode(String specName) {
        this.specName = specName;
    }

    @JsonValue
    @Override
    public String specName() {
        return specName;
    }

    @JsonCreator
    public static HalvingMode fromSpec(String text) {
        return SpecName.parse(HalvingMode.class, text, "halving mode");
    }

    @Override
    public String toString() {
        return specName;
    }
}

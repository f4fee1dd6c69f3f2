package io.sparktune.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The order in which a wave of trials is handed to Spark, and so the order cores pick them up. */
public enum TrialOrder {
    /** Most expected work first (FLOPs per image x epochs), so the last trials to start are short ones. */
    LONGEST_FIRST("longest_first"),
    /** The strategy's order (trial id order for a grid). */
    AS_LISTED("as_listed");

    private final String specName;

    TrialOrder(String specName) {
        this.specName = specName;
    }

    @JsonValue
    public String specName() {
        return specName;
    }

    @JsonCreator
    public static TrialOrder fromSpec(String text) {
        String key = text.toLowerCase(Locale.ROOT).replace('-', '_');
        for (TrialOrder o : values()) {
            if (o.specName.equals(key)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown trial order '" + text + "'; allowed: longest_first, as_listed");
    }

    @Override
    public String toString() {
        return specName;
    }
}

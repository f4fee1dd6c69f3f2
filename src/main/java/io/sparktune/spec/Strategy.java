package io.sparktune.spec;

import io.sparktune.input.SpecException;
import io.sparktune.input.SpecName;
/** The search strategies a spec can name in {@code search.strategy}. */
public enum Strategy implements SpecName {
    /** Every combination of the listed values (ranges need "points"). */
    GRID("grid"),
    /** {@code search.trials} configurations drawn from the space, none twice. */
    RANDOM("random"),
    /** Only the configurations listed in {@code search.manual}. */
    MANUAL("manual"),
    /** Successive halving over the grid, {@code search.trials} random draws or TPE proposals, see {@link Halving}. */
    HALVING("halving"),
    /** {@code search.trials} configurations, each proposed from the results so far, see {@link TpeSettings}. */
    TPE("tpe");

    private final String specName;

    Strategy(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }

    public static Strategy fromSpec(String text, String field) {
        try {
            return SpecName.parse(Strategy.class, text, "strategy");
        } catch (IllegalArgumentException e) {
            throw new SpecException(field, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return specName;
    }
}

package io.sparktune.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The search strategies a spec can name in {@code search.strategy}. */
public enum Strategy {
    GRID("grid");

    private final String specName;

    Strategy(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    public static Strategy fromSpec(String text, String field) {
        String key = text.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        for (Strategy s : values()) {
            if (s.specName.equals(key)) {
                return s;
            }
        }
        throw new SpecException(field, "unknown strategy '" + text + "'; allowed: "
                + Arrays.stream(values()).map(Strategy::specName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return specName;
    }
}

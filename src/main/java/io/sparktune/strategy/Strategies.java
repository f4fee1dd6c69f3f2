package io.sparktune.strategy;

import io.sparktune.spec.SearchSpec;

/** The strategy a spec names, set up for that spec. */
public final class Strategies {
    private Strategies() {
    }

    public static SearchStrategy forSpec(SearchSpec spec) {
        return switch (spec.strategy()) {
            case GRID -> new GridSearch(spec.space(), spec.model(), spec.execution().seed());
        };
    }
}

package io.sparktune.trial;

import io.sparktune.model.ModelConfig;
import io.sparktune.spec.SpecJson;
import java.util.Map;

/** Configurations for tests, written as a spec's model section would write them. */
public final class TestModels {
    private TestModels() {
    }

    /** The reference CNN with {@code changes} (spec names to JSON values) laid over it. */
    public static ModelConfig of(Map<String, Object> changes) {
        return ModelConfig.REFERENCE.overlay(SpecJson.mapper().valueToTree(changes), "");
    }
}

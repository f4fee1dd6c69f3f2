package io.sparktune.trial;

import io.sparktune.model.ModelConfig;
import java.io.Serializable;

/**
 * A configuration retrained on all the search's images and scored once on the test set. {@code role} is
 * {@code best} or {@code baseline}; {@code trialId} is null for a baseline that was not among the trials.
 */
public record FinalResult(String role, Integer trialId, ModelConfig model, int epochs, long seed, Metrics test,
                          int testImages, String modelPath, double trainSeconds) implements Serializable {
}

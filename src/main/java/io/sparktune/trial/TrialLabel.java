package io.sparktune.trial;

import io.sparktune.model.Hyperparameter;
import io.sparktune.model.ModelConfig;
import java.util.List;

/**
 * A trial as a person reads it wherever it is named: {@code trial 7 lr=0.001 activation=relu}, the searched
 * values by their short names. The console's progress lines and Spark's job descriptions use it, so a
 * trial in the Spark UI or the History Server reads as it does on the console.
 */
public final class TrialLabel {
    private TrialLabel() {
    }

    public static String of(int trialId, ModelConfig model, List<Hyperparameter<?>> searched) {
        StringBuilder label = new StringBuilder("trial ").append(trialId);
        for (Hyperparameter<?> h : searched) {
            label.append(' ').append(h.shortName()).append('=').append(Numbers.setting(model.column(h)));
        }
        return label.toString();
    }
}

package io.sparktune.trial;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a trial has stopped learning for good: its validation accuracy has stayed within one point of chance
 * (1/classes) for {@code stuck_epochs} epochs in a row. Such trials (dead ReLUs, a learning rate far too
 * high) took most of the core time of grids that cross them; they end there, with their curve, so the core
 * goes to a trial that can learn.
 */
final class StuckRule {
    /** How close to chance counts as chance: one point of accuracy. */
    static final double MARGIN = 0.01;

    private StuckRule() {
    }

    /** The reason to end the trial now, or empty; {@code stuckEpochs} 0 never ends one. */
    static Optional<String> check(List<EpochResult> epochs, int classes, int stuckEpochs) {
        if (stuckEpochs <= 0 || epochs.size() < stuckEpochs) {
            return Optional.empty();
        }
        double chance = 1.0 / classes;
        for (EpochResult e : epochs.subList(epochs.size() - stuckEpochs, epochs.size())) {
            if (!(Math.abs(e.valAccuracy() - chance) <= MARGIN + 1e-9)) {
                return Optional.empty();
            }
        }
        return Optional.of(String.format(Locale.ROOT, "val_acc within 1 point of chance (%.3f) for %d"
                + " epoch%s in a row, up to epoch %d", chance, stuckEpochs, stuckEpochs == 1 ? "" : "s",
                epochs.get(epochs.size() - 1).epoch()));
    }
}

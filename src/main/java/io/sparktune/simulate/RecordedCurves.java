package io.sparktune.simulate;

import io.sparktune.input.UserInputException;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tabular benchmark: the learning curves an earlier search recorded (its journal), each configuration's
 * validation results and seconds epoch by epoch, looked up instead of trained. A configuration is found by
 * everything but its epochs, which a strategy sets (halving's rungs), so a curve recorded over 8 epochs
 * answers for 1, 2 or 4 of them.
 */
public final class RecordedCurves {
    private final Map<ModelConfig, TrialResult> byConfig = new HashMap<>();

    public RecordedCurves(List<TrialResult> recorded) {
        for (TrialResult r : recorded) {
            byConfig.merge(r.model().anyEpochs(), r, (a, b) -> a.epochs().size() >= b.epochs().size() ? a : b);
        }
    }

    public int size() {
        return byConfig.size();
    }

    public List<TrialResult> all() {
        return List.copyOf(byConfig.values());
    }

    /**
     * What training {@code trial} to its epochs gives: the recorded curve up to there (a trial that ended
     * early there, stuck or diverged, ends so here too), and the seconds of the epochs it trains now (those
     * after its checkpoint's).
     */
    public Replay replay(TrialConfig trial) {
        TrialResult recorded = byConfig.get(trial.model().anyEpochs());
        if (recorded == null) {
            throw new UserInputException("trial " + trial.trialId() + " (" + trial.model() + ") is not in the"
                    + " recorded curves; simulate a space whose configurations the recorded search trained");
        }
        int target = trial.model().get(Hyperparameters.EPOCHS);
        int done = trial.checkpoint() == null ? 0 : trial.checkpoint().earlier().size();
        List<EpochResult> curve = recorded.epochs().stream().filter(e -> e.epoch() <= target).toList();
        boolean endedEarly = curve.size() < target;
        if (endedEarly && recorded.status() == TrialStatus.OK) {
            throw new UserInputException("the recorded curve of " + trial.model() + " has " + curve.size()
                    + " epochs, fewer than the " + target + " the strategy asks for");
        }
        double seconds = curve.stream().filter(e -> e.epoch() > done).mapToDouble(EpochResult::seconds).sum();
        TrialResult result = new TrialResult(trial.trialId(), trial.model(), trial.seed(), trial.rung(),
                endedEarly ? recorded.status() : TrialStatus.OK, endedEarly ? recorded.error() : null, curve,
                null, seconds, 0, 0, "simulated", null);
        return new Replay(result, seconds, Math.max(0, curve.size() - done));
    }

    /** A trial's simulated task: its result, the seconds it held its core and the epochs it trained. */
    public record Replay(TrialResult result, double seconds, int epochs) {
    }
}

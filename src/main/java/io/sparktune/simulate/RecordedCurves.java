package io.sparktune.simulate;

import io.sparktune.input.UserInputException;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A tabular benchmark: the learning curves earlier searches recorded (their journals), each configuration's
 * validation results and seconds epoch by epoch, looked up instead of trained. A configuration is found by
 * everything but its epochs, which a strategy sets (halving's rungs), so a curve recorded over 8 epochs
 * answers for 1, 2 or 4 of them.
 *
 * <p>Several recordings of one space under different seeds are repeats, as NAS-Bench-101 keeps three runs
 * of each architecture: a simulated trial sees one of its configuration's runs, drawn by the trial's seed,
 * so a strategy meets the noise a real search meets, while how good the configuration really is, the
 * measure a simulation reports, is its mean curve over all runs. With one recording the two are the same.
 */
public final class RecordedCurves {
    private record Runs(List<TrialResult> runs, TrialResult mean) {
    }

    private final Map<ModelConfig, Runs> byConfig = new LinkedHashMap<>();

    /** One recording: a journal's trials. */
    public RecordedCurves(List<TrialResult> recorded) {
        this(List.of(recorded));
    }

    private RecordedCurves(Iterable<List<TrialResult>> recordings) {
        Map<ModelConfig, List<TrialResult>> runs = new LinkedHashMap<>();
        for (List<TrialResult> recording : recordings) {
            // Within one recording, a configuration trained more than once (halving's rungs) counts once,
            // by its longest curve.
            Map<ModelConfig, TrialResult> longest = new LinkedHashMap<>();
            for (TrialResult r : recording) {
                longest.merge(r.model().anyEpochs(), r, (a, b) -> a.epochs().size() >= b.epochs().size() ? a : b);
            }
            longest.forEach((config, r) -> runs.computeIfAbsent(config, c -> new ArrayList<>()).add(r));
        }
        runs.forEach((config, list) -> byConfig.put(config, new Runs(List.copyOf(list), mean(list))));
    }

    /** Recordings of the same space under different seeds, each a journal's trials. */
    public static RecordedCurves repeats(List<List<TrialResult>> recordings) {
        return new RecordedCurves(recordings);
    }

    public int size() {
        return byConfig.size();
    }

    /** The most runs any configuration has: the number of recordings that trained it. */
    public int repeats() {
        return byConfig.values().stream().mapToInt(r -> r.runs().size()).max().orElse(0);
    }

    /** Each configuration's mean curve over its runs (its one curve when recorded once). */
    public List<TrialResult> means() {
        return byConfig.values().stream().map(Runs::mean).toList();
    }

    /**
     * What training {@code trial} to its epochs gives: one recorded run up to there (a trial that ended early
     * there, stuck or diverged, ends so here too), the same cut of the mean curve, and the seconds of the
     * epochs it trains now (those after its checkpoint's). The run is drawn by the trial's seed, so a trial
     * continued from its checkpoint goes on along the run it started.
     */
    public Replay replay(TrialConfig trial) {
        Runs runs = byConfig.get(trial.model().anyEpochs());
        if (runs == null) {
            throw new UserInputException("trial " + trial.trialId() + " (" + trial.model() + ") is not in the"
                    + " recorded curves; simulate a space whose configurations the recorded search trained");
        }
        TrialResult recorded = runs.runs().get(Math.floorMod(trial.seed(), runs.runs().size()));
        int target = trial.model().get(Hyperparameters.EPOCHS);
        int done = trial.checkpoint() == null ? 0 : trial.checkpoint().earlier().size();
        List<EpochResult> curve = upTo(recorded, target);
        boolean endedEarly = curve.size() < target;
        if (endedEarly && recorded.status() == TrialStatus.OK) {
            throw new UserInputException("the recorded curve of " + trial.model() + " has " + curve.size()
                    + " epochs, fewer than the " + target + " the strategy asks for");
        }
        List<EpochResult> meanCurve = upTo(runs.mean(), curve.size());
        // Seconds from the mean curve: how long an epoch takes is the configuration's, and a drift in the
        // machine's speed during one recording weighs less.
        double seconds = meanCurve.stream().filter(e -> e.epoch() > done).mapToDouble(EpochResult::seconds).sum();
        TrialResult result = simulated(trial, endedEarly ? recorded : null, curve, seconds);
        TrialResult expected = simulated(trial, null, meanCurve, seconds);
        return new Replay(result, expected, seconds, Math.max(0, curve.size() - done));
    }

    /** What a trial is worth: its configuration's mean curve, over the runs, to the trial's epochs. */
    public double worth(TrialResult trial, Objective objective) {
        TrialResult expected = replay(new TrialConfig(trial.trialId(), trial.model(), trial.seed())).expected();
        return objective.value(expected);
    }

    private static List<EpochResult> upTo(TrialResult r, int epochs) {
        return r.epochs().stream().filter(e -> e.epoch() <= epochs).toList();
    }

    private static TrialResult simulated(TrialConfig trial, TrialResult endedEarly, List<EpochResult> curve,
                                         double seconds) {
        return new TrialResult(trial.trialId(), trial.model(), trial.seed(), trial.rung(),
                endedEarly != null ? endedEarly.status() : TrialStatus.OK,
                endedEarly != null ? endedEarly.error() : null, curve, null, seconds, 0, 0, "simulated", null);
    }

    /**
     * The runs' mean curve: each epoch's measures averaged over the runs that reached it and scored it (a
     * run that diverged or stuck leaves its later epochs to the others); ended as the runs ended when none
     * trained normally.
     */
    private static TrialResult mean(List<TrialResult> runs) {
        TrialResult first = runs.get(0);
        if (runs.size() == 1) {
            return first;
        }
        int length = runs.stream().mapToInt(r -> r.epochs().size()).max().orElse(0);
        List<EpochResult> curve = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            List<EpochResult> at = new ArrayList<>();
            for (TrialResult r : runs) {
                if (i < r.epochs().size()) {
                    at.add(r.epochs().get(i));
                }
            }
            curve.add(new EpochResult(at.get(0).epoch(), average(at, EpochResult::trainLoss),
                    average(at, EpochResult::trainAccuracy), average(at, EpochResult::valLoss),
                    average(at, EpochResult::valAccuracy), average(at, EpochResult::valPrecision),
                    average(at, EpochResult::valRecall), average(at, EpochResult::valF1),
                    average(at, EpochResult::seconds)));
        }
        TrialResult ended = runs.stream().filter(r -> r.status() == TrialStatus.OK).findFirst().orElse(first);
        return new TrialResult(first.trialId(), first.model(), first.seed(), first.rung(), ended.status(),
                ended.error(), curve, null, curve.stream().mapToDouble(EpochResult::seconds).sum(), 0, 0,
                "mean of " + runs.size() + " runs", null);
    }

    private static double average(List<EpochResult> epochs, ToDoubleFunction<EpochResult> measure) {
        return epochs.stream().mapToDouble(measure).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /**
     * A trial's simulated task: the result the strategy sees, the configuration's mean curve cut the same way
     * (what the result is worth), the seconds it held its core and the epochs it trained.
     */
    public record Replay(TrialResult result, TrialResult expected, double seconds, int epochs) {
    }
}

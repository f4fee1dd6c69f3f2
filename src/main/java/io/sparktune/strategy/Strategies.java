package io.sparktune.strategy;

import io.sparktune.data.DataFiles;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.spec.Halving;
import io.sparktune.spec.HalvingMode;
import io.sparktune.spec.SearchSpec;
import io.sparktune.input.SpecException;
import io.sparktune.spec.Strategy;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The strategy a spec names, set up for that spec. The baseline (the spec's model defaults) is trial 0,
 * unless the spec turns it off or another trial has that configuration (under halving: in everything but
 * epochs, which halving sets). Manual configurations come next (trial ids 1..m, in the order listed), as
 * Optuna's enqueue does; the strategy's own trials follow from id m + 1. {@code search.budget.max_trials}
 * cuts the list, in that order.
 */
public final class Strategies {
    private Strategies() {
    }

    public static SearchStrategy forSpec(SearchSpec spec) {
        List<TrialConfig> manual = manual(spec);
        List<TrialConfig> candidates = candidates(spec, manual.size() + 1);
        SearchStrategy strategy = own(spec, candidates);
        List<TrialConfig> first = new ArrayList<>();
        if (spec.baseline() && baselineAmong(spec, manual, candidates).isEmpty()) {
            first.add(TrialConfig.of(0, baselineModel(spec), spec.execution().seed()));
        }
        first.addAll(manual);
        SearchStrategy all = first.isEmpty() ? strategy : new SideBySide(List.of(new Unfinished(first), strategy));
        Integer cap = spec.budget().maxTrials();
        return cap == null ? all : new Capped(all, cap);
    }

    /**
     * The id of the trial that runs the spec's defaults, which rankings compare the rest against: 0 when
     * the baseline runs as its own trial, the id of the manual or searched trial that has the defaults, or
     * none when the spec turned the baseline off and no trial has them.
     */
    public static OptionalInt baselineTrial(SearchSpec spec) {
        List<TrialConfig> manual = manual(spec);
        OptionalInt among = baselineAmong(spec, manual, candidates(spec, manual.size() + 1));
        return among.isPresent() || !spec.baseline() ? among : OptionalInt.of(0);
    }

    /** Under halving the baseline trains for max_epochs, the most any candidate gets. */
    public static ModelConfig baselineModel(SearchSpec spec) {
        return spec.halving() == null ? spec.model()
                : withEpochs(spec.model(), spec.halving().maxEpochs());
    }

    private static OptionalInt baselineAmong(SearchSpec spec, List<TrialConfig> manual, List<TrialConfig> searched) {
        ModelConfig defaults = spec.model();
        for (TrialConfig t : manual) {
            if (t.model().equals(defaults)) {
                return OptionalInt.of(t.trialId());
            }
        }
        for (TrialConfig t : searched) {
            boolean same = spec.halving() == null ? t.model().equals(defaults)
                    : withEpochs(t.model(), 1).equals(withEpochs(defaults, 1));
            if (same) {
                return OptionalInt.of(t.trialId());
            }
        }
        return OptionalInt.empty();
    }

    private static ModelConfig withEpochs(ModelConfig model, int epochs) {
        return model.with(Hyperparameters.EPOCHS, epochs);
    }

    private static List<TrialConfig> manual(SearchSpec spec) {
        List<TrialConfig> manual = new ArrayList<>();
        for (ModelConfig model : spec.manual()) {
            manual.add(TrialConfig.of(manual.size() + 1, model, spec.execution().seed()));
        }
        return manual;
    }

    /** The configurations the strategy itself will try, from id {@code firstId}. */
    private static List<TrialConfig> candidates(SearchSpec spec, int firstId) {
        long seed = spec.execution().seed();
        boolean random = spec.strategy() == Strategy.RANDOM
                || spec.strategy() == Strategy.HALVING && spec.randomTrials() != null;
        if (spec.strategy() == Strategy.MANUAL) {
            return List.of();
        }
        return random
                ? new RandomSearch(spec.space(), spec.model(), seed, spec.randomTrials(), firstId,
                        new HashSet<>(spec.manual())).trials()
                : new GridSearch(spec.space(), spec.model(), seed, firstId).trials();
    }

    private static SearchStrategy own(SearchSpec spec, List<TrialConfig> candidates) {
        return switch (spec.strategy()) {
            case GRID, RANDOM -> new Unfinished(candidates);
            case MANUAL -> new Unfinished(List.of());
            case HALVING -> halving(spec, candidates);
        };
    }

    private static SearchStrategy halving(SearchSpec spec, List<TrialConfig> candidates) {
        Halving h = spec.halving();
        List<Integer> epochs = h.rungEpochs();
        String checkpoints = DataFiles.qualify(spec.output()) + "/checkpoints";
        Hyperband.BracketFactory bracket = (part, firstRung) -> {
            Rungs rungs = new Rungs(part, epochs, firstRung, h.eta(), checkpoints);
            return h.mode() == HalvingMode.SYNCHRONOUS ? new SuccessiveHalving(rungs) : new AsyncSuccessiveHalving(rungs);
        };
        if (h.brackets() == 1) {
            return bracket.create(candidates, 0);
        }
        if (candidates.size() < h.brackets()) {
            throw new SpecException("search.halving.brackets", h.brackets() + " brackets need at least as many"
                    + " candidates; the space gives " + candidates.size());
        }
        return Hyperband.of(candidates, epochs.size(), h.eta(), h.brackets(), spec.execution().seed(), bracket);
    }

    /** Every trial of a fixed list not yet finished: all of them at first, the rest when a search resumes. */
    private record Unfinished(List<TrialConfig> trials) implements SearchStrategy {
        @Override
        public List<TrialConfig> nextTrials(List<TrialResult> finished, Set<Integer> running) {
            Set<Integer> done = finished.stream().map(TrialResult::trialId).collect(Collectors.toSet());
            return trials.stream().filter(t -> !done.contains(t.trialId())).toList();
        }
    }

    /** No more than {@code cap} distinct trials over the whole search, counting running ones. */
    private record Capped(SearchStrategy inner, int cap) implements SearchStrategy {
        @Override
        public List<TrialResult> settle(List<TrialResult> finished) {
            return inner.settle(finished);
        }

        @Override
        public List<TrialConfig> nextTrials(List<TrialResult> finished, Set<Integer> running) {
            Set<Integer> started = finished.stream().map(TrialResult::trialId).collect(Collectors.toSet());
            started.addAll(running);
            List<TrialConfig> next = new ArrayList<>();
            int fresh = 0;
            for (TrialConfig t : inner.nextTrials(finished, running)) {
                if (started.contains(t.trialId()) || started.size() + fresh < cap) {
                    next.add(t);
                    fresh += started.contains(t.trialId()) ? 0 : 1;
                }
            }
            return next;
        }
    }
}

package io.sparktune.strategy;

import io.sparktune.data.DataFiles;
import io.sparktune.input.SpecException;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.space.Choice;
import io.sparktune.space.Domain;
import io.sparktune.space.Range;
import io.sparktune.spec.CandidateSampler;
import io.sparktune.spec.Combinations;
import io.sparktune.spec.Halving;
import io.sparktune.spec.HalvingMode;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.Strategy;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A search worked out once from its spec, before any data is read: the strategy that proposes trials, the
 * baseline's trial id, how many trials it may run, and what the user should know first. Everything that
 * asks "which trial is the baseline" or "how big is this search" asks the plan, never the spec again.
 *
 * <p>The baseline (the spec's model defaults) is trial 0, unless the spec turns it off or another trial has
 * that configuration (under halving: in everything but epochs, which halving sets). Manual configurations
 * come next (ids 1..m, in the order listed), as Optuna's enqueue does; the strategy's own trials follow from
 * id m + 1. {@code search.budget.max_trials} cuts the list, in that order.
 *
 * @param strategy what to try next, for the search job
 * @param baselineId the trial that runs the defaults, which rankings compare the rest against; empty when the
 *     spec turned the baseline off and no trial has the defaults
 * @param baselineModel the defaults as the final check trains them when no trial did (under halving, for
 *     max_epochs, the most any candidate gets)
 * @param trials the trials the search may run at most: baseline, manual and candidates, within max_trials
 * @param warnings what the user should read before the search starts
 */
public record SearchPlan(SearchStrategy strategy, OptionalInt baselineId, ModelConfig baselineModel, long trials,
                         long epochs, List<String> warnings) {
    /** More trials than this need an explicit search.budget.max_trials: a typo in a grid can ask for 10^6. */
    public static final int MAX_TRIALS_WITHOUT_BUDGET = 10_000;

    public SearchPlan {
        warnings = List.copyOf(warnings);
    }

    public static SearchPlan of(SearchSpec spec) {
        return of(spec, List.of());
    }

    /** {@code earlier}: finished trials of earlier searches (search.warm_start) that TPE's model learns from. */
    public static SearchPlan of(SearchSpec spec, List<TrialResult> earlier) {
        long seed = spec.execution().seed();
        Integer cap = spec.budget().maxTrials();
        ModelConfig baselineModel = spec.halving() == null ? spec.model()
                : spec.model().with(Hyperparameters.EPOCHS, spec.halving().maxEpochs());
        List<TrialConfig> manual = new ArrayList<>();
        for (ModelConfig model : spec.manual()) {
            manual.add(TrialConfig.of(manual.size() + 1, model, seed));
        }
        List<String> warnings = new ArrayList<>(Combinations.warnings(spec));
        long candidateCount = candidateCount(spec, manual.size() + 1);
        long total = candidateCount + manual.size() + (spec.baseline() ? 1 : 0);
        if (cap == null && total > MAX_TRIALS_WITHOUT_BUDGET) {
            throw tooLarge(spec, total);
        }
        int limit = cap == null ? Integer.MAX_VALUE : cap;
        if (cap != null && spec.randomTrials() == null && candidateCount > cap) {
            warnings.add(String.format(Locale.ROOT, "search.budget.max_trials (%d) runs only the first %d of the"
                    + " grid's %,d points, in grid order (the first parameter varies slowest); random search"
                    + " would sample the whole space", cap, cap, candidateCount));
        }
        long spaceSize = spec.space().size();
        if (spec.randomTrials() != null && candidateCount > spaceSize) {
            // Caught here, before any data is read, rather than once TPE or random draws have used the space up.
            throw new SpecException("search.trials", "asks for " + candidateCount + " distinct configurations, but"
                    + " search.space holds only " + spaceSize + " (" + spaceSizes(spec) + "); ask for fewer trials"
                    + " or widen the space");
        }
        List<TrialConfig> candidates = candidates(spec, manual.size() + 1, limit);
        OptionalInt among = baselineAmong(spec, manual, candidates);
        List<TrialConfig> first = new ArrayList<>();
        if (spec.baseline() && among.isEmpty()) {
            first.add(TrialConfig.of(0, baselineModel, seed));
        }
        first.addAll(manual);
        List<Integer> ids = candidateIds(spec, candidates, limit);
        if (spec.strategy() == Strategy.TPE) {
            TpeSearch.allRandom(Math.min(first.size() + (long) spec.randomTrials(), limit),
                    spec.execution().parallelTrials(), spec.tpe(), earlier.size()).ifPresent(warnings::add);
        }
        SearchStrategy own = own(spec, candidates, ids, earlier);
        SearchStrategy all = first.isEmpty() ? own : new SideBySide(List.of(new Unfinished(first), own));
        OptionalInt baselineId = among.isPresent() || !spec.baseline() ? among : OptionalInt.of(0);
        long planned = first.size() + (spec.modelBased() ? spec.randomTrials() : candidates.size());
        return new SearchPlan(cap == null ? all : new Capped(all, cap), baselineId, baselineModel,
                cap == null ? planned : Math.min(planned, cap), expectedEpochs(spec, first, candidates, ids, cap),
                warnings);
    }

    /**
     * The strategy's own trial ids: the listed candidates', or as many as TPE will propose from
     * {@code firstId}, within {@code limit}.
     */
    private static List<Integer> candidateIds(SearchSpec spec, List<TrialConfig> candidates, int limit) {
        if (!spec.modelBased()) {
            return candidates.stream().map(TrialConfig::trialId).toList();
        }
        int count = Math.min(spec.randomTrials(), limit);
        return IntStream.range(firstId(spec), firstId(spec) + count).boxed().toList();
    }

    /** Whether {@code trialId} is the trial that runs the spec's defaults. */
    public boolean isBaseline(int trialId) {
        return baselineId.isPresent() && baselineId.getAsInt() == trialId;
    }

    private static SpecException tooLarge(SearchSpec spec, long total) {
        boolean grid = spec.randomTrials() == null;
        String count = total == Long.MAX_VALUE ? "more than 9.2 x 10^18" : String.format(Locale.ROOT, "%,d", total);
        return new SpecException(grid ? "search.space" : "search.trials", "this search has " + count
                + " trials, over the " + String.format(Locale.ROOT, "%,d", MAX_TRIALS_WITHOUT_BUDGET)
                + " a search may have without search.budget.max_trials; training them all would take "
                + SearchCost.describe(spec.data(), spec.network(), spec.model(), total) + ". Instead: random search"
                + " (\"strategy\": \"random\", \"trials\": 100) samples the same space; successive halving"
                + " (\"strategy\": \"halving\" with \"trials\") stops poor trials early; or set"
                + " search.budget.max_trials to run that many and no more");
    }

    /** Each parameter's count of values, as "learning_rate 2 x filters 3". */
    private static String spaceSizes(SearchSpec spec) {
        return spec.space().domains().entrySet().stream().map(e -> e.getKey().specName() + " " + e.getValue().size())
                .collect(java.util.stream.Collectors.joining(" x "));
    }

    private static long candidateCount(SearchSpec spec, int firstId) {
        if (spec.strategy() == Strategy.MANUAL) {
            return 0;
        }
        if (spec.randomTrials() != null) {
            return spec.randomTrials();
        }
        return new GridSearch(spec.space(), spec.model(), spec.execution().seed(), firstId).size();
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
                    : t.model().anyEpochs().equals(defaults.anyEpochs());
            if (same) {
                return OptionalInt.of(t.trialId());
            }
        }
        return OptionalInt.empty();
    }

    /** The configurations the strategy itself will try, from id {@code firstId}; no more than {@code limit}. */
    private static List<TrialConfig> candidates(SearchSpec spec, int firstId, int limit) {
        long seed = spec.execution().seed();
        if (spec.strategy() == Strategy.MANUAL || spec.modelBased()) {
            return List.of(); // TPE proposes its trials as results come in
        }
        return spec.randomTrials() != null
                ? new RandomSearch(spec.space(), spec.model(), seed, Math.min(spec.randomTrials(), limit), firstId,
                        new HashSet<>(spec.manual())).trials()
                : new GridSearch(spec.space(), spec.model(), seed, firstId).trials(limit);
    }

    /**
     * The epochs the search is expected to train: each trial's under grid, random and manual; under
     * successive halving, each bracket's candidates at its first rung and then a 1/eta share at every rung
     * after it, as the synchronous mode promotes (the asynchronous one promotes about as many).
     */
    private static long expectedEpochs(SearchSpec spec, List<TrialConfig> first, List<TrialConfig> candidates,
                                       List<Integer> ids, Integer cap) {
        int room = cap == null ? Integer.MAX_VALUE : Math.max(0, cap - first.size());
        List<TrialConfig> capped = candidates.subList(0, Math.min(candidates.size(), room));
        List<Integer> cappedIds = ids.subList(0, Math.min(ids.size(), room));
        long epochs = first.stream().mapToLong(t -> t.model().get(Hyperparameters.EPOCHS)).sum();
        Halving h = spec.halving();
        if (spec.strategy() == Strategy.TPE) {
            // Proposed as results come in: as many trials as asked, each with the defaults' epochs unless searched.
            int count = cap == null ? spec.randomTrials() : Math.max(0, Math.min(spec.randomTrials(), cap - first.size()));
            Domain searched = spec.space().domains().get(Hyperparameters.EPOCHS);
            double each = searched == null ? spec.model().get(Hyperparameters.EPOCHS)
                    : searched instanceof Range r ? (r.low() + r.high()) / 2
                    : ((Choice) searched).values().stream().mapToDouble(v -> ((Number) v).doubleValue()).average()
                            .orElse(1);
            return epochs + Math.round(count * each);
        }
        if (h == null) {
            return epochs + capped.stream().mapToLong(t -> t.model().get(Hyperparameters.EPOCHS)).sum();
        }
        List<Integer> rungs = h.rungEpochs();
        if (h.brackets() == 1 || cappedIds.size() < h.brackets()) {
            return epochs + halvingEpochs(cappedIds.size(), 0, rungs, h.eta());
        }
        List<List<Integer>> parts = Hyperband.split(cappedIds, rungs.size(), h.eta(), h.brackets(),
                spec.execution().seed());
        for (int b = 0; b < parts.size(); b++) {
            epochs += halvingEpochs(parts.get(b).size(), b, rungs, h.eta());
        }
        return epochs;
    }

    static long halvingEpochs(int candidates, int firstRung, List<Integer> rungs, int eta) {
        if (candidates == 0) {
            return 0;
        }
        long epochs = (long) candidates * rungs.get(firstRung);
        int alive = candidates;
        for (int rung = firstRung + 1; rung < rungs.size(); rung++) {
            alive = Math.max(1, alive / eta);
            epochs += (long) alive * (rungs.get(rung) - rungs.get(rung - 1));
        }
        return epochs;
    }

    /** The id of the strategy's own first trial: after the baseline (0) and the manual ones. */
    private static int firstId(SearchSpec spec) {
        return spec.manual().size() + 1;
    }

    private static SearchStrategy own(SearchSpec spec, List<TrialConfig> candidates, List<Integer> ids,
                                      List<TrialResult> earlier) {
        return switch (spec.strategy()) {
            case GRID, RANDOM -> new Unfinished(candidates);
            case TPE -> new TpeSearch(spec.space(), spec.model(), spec.randomTrials(), firstId(spec),
                    spec.execution().seed(), spec.tpe(), spec.objective(), new HashSet<>(spec.manual()), earlier);
            case MANUAL -> new Unfinished(List.of());
            case HALVING -> halving(spec, candidates, ids, earlier);
        };
    }

    private static SearchStrategy halving(SearchSpec spec, List<TrialConfig> candidates, List<Integer> ids,
                                          List<TrialResult> earlier) {
        Halving h = spec.halving();
        List<Integer> epochs = h.rungEpochs();
        String checkpoints = DataFiles.qualify(spec.output()) + "/checkpoints";
        TpeCandidates proposed = h.sampler() != CandidateSampler.TPE ? null : new TpeCandidates(spec.space(),
                spec.model(), spec.tpe(), epochs, h.randomFraction(), spec.execution().seed(), spec.objective(),
                new HashSet<>(spec.manual()), earlier);
        Hyperband.BracketFactory bracket = (part, firstRung) -> {
            Set<Integer> in = Set.copyOf(part);
            CandidatePool pool = proposed != null ? proposed.bracket(part)
                    : CandidatePool.fixed(candidates.stream().filter(t -> in.contains(t.trialId())).toList());
            Rungs rungs = new Rungs(pool, epochs, firstRung, h.eta(), checkpoints, spec.objective());
            return h.mode() == HalvingMode.SYNCHRONOUS ? new SuccessiveHalving(rungs) : new AsyncSuccessiveHalving(rungs);
        };
        if (h.brackets() == 1) {
            return bracket.create(ids, 0);
        }
        if (ids.size() < h.brackets()) {
            throw new SpecException("search.halving.brackets", h.brackets() + " brackets need at least as many"
                    + " candidates; the space gives " + ids.size());
        }
        return Hyperband.of(ids, epochs.size(), h.eta(), h.brackets(), spec.execution().seed(), bracket);
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
        public boolean ordersItsTrials() {
            return inner.ordersItsTrials();
        }

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

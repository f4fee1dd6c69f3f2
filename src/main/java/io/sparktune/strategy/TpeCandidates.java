package io.sparktune.strategy;

import io.sparktune.model.ModelConfig;
import io.sparktune.space.SearchSpace;
import io.sparktune.spec.TpeSettings;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Model-based successive halving's candidates, as BOHB (Falkner et al. 2018) proposes them: each new
 * candidate is decided when a core is about to start it, by a {@link TpeSampler} fitted at the highest rung
 * that has {@code startup_trials} results (a trial's score there is its best within that rung's epochs, so
 * short and long trials compare fairly); until the first rung has that many, candidates are drawn at
 * random. A share of candidates ({@code randomFraction}, decided by each id's own seed) is always drawn at
 * random, so the model cannot shut a region out for good. Trials still training count as the worst result
 * and are not proposed again (the constant liar; without it they are ignored, as in {@link TpeSearch}).
 * One instance serves every Hyperband bracket of a search, so each bracket learns from all of them.
 *
 * <p>A started candidate keeps the configuration it started with (from its result, or from the proposal
 * while it runs); the unstarted ones are proposed afresh on every call from the results so far, a few per
 * bracket ({@code BATCH}), so the answer is a function of the finished and running trials alone and a
 * resumed search proposes from its journal.
 */
final class TpeCandidates {
    /** Unstarted candidates proposed per bracket and call: enough to fill the cores a trial's end frees. */
    private static final int BATCH = 4;

    private final TpeSampler sampler;
    private final TpeSettings settings;
    private final List<Integer> rungEpochs;
    private final double randomFraction;
    private final long seed;
    private final Objective objective;
    private final Set<ModelConfig> taken = new HashSet<>();
    private final List<TrialResult> earlier;
    private final List<List<Integer>> brackets = new ArrayList<>();
    /** What each id was last proposed as: the running ones' configurations. */
    private final Map<Integer, TrialConfig> proposed = new HashMap<>();
    /** The last call's answer, for the other brackets asked about the same results. */
    private List<TrialResult> lastFinished;
    private Set<Integer> lastRunning;
    private Map<Integer, TrialConfig> lastDecided;

    /**
     * {@code rungEpochs}: the epochs at each rung; {@code taken}: configurations other trials have (manual
     * ones); {@code earlier}: earlier searches' trials the model also learns from.
     */
    TpeCandidates(SearchSpace space, ModelConfig defaults, TpeSettings settings, List<Integer> rungEpochs,
                  double randomFraction, long seed, Objective objective, Set<ModelConfig> taken,
                  List<TrialResult> earlier) {
        // Proposed with any epochs, as candidates are compared: the rungs set each one's.
        this.sampler = new TpeSampler(space, defaults.anyEpochs(), settings);
        this.settings = settings;
        this.rungEpochs = List.copyOf(rungEpochs);
        this.randomFraction = randomFraction;
        this.seed = seed;
        this.objective = objective;
        taken.forEach(m -> this.taken.add(m.anyEpochs()));
        this.earlier = List.copyOf(earlier);
    }

    /** The pool of one bracket, candidates {@code ids}. */
    synchronized CandidatePool bracket(List<Integer> ids) {
        List<Integer> sorted = List.copyOf(new TreeSet<>(ids));
        brackets.add(sorted);
        Set<Integer> idSet = Set.copyOf(sorted);
        return new CandidatePool() {
            @Override
            public Set<Integer> ids() {
                return idSet;
            }

            @Override
            public boolean proposedInOrder() {
                return true;
            }

            @Override
            public List<TrialConfig> candidates(List<TrialResult> finished, Set<Integer> running) {
                Map<Integer, TrialConfig> decided = decide(finished, running);
                return sorted.stream().filter(decided::containsKey).map(decided::get).toList();
            }
        };
    }

    private synchronized Map<Integer, TrialConfig> decide(List<TrialResult> finished, Set<Integer> running) {
        if (finished.equals(lastFinished) && running.equals(lastRunning)) {
            return lastDecided;
        }
        Map<Integer, TrialResult> byId = new HashMap<>();
        finished.forEach(r -> byId.put(r.trialId(), r));
        Map<Integer, TrialConfig> decided = new HashMap<>();
        Set<ModelConfig> seen = new HashSet<>(taken);
        finished.forEach(r -> seen.add(r.model().anyEpochs()));
        for (List<Integer> ids : brackets) {
            for (int id : ids) {
                TrialResult result = byId.get(id);
                TrialConfig started = result != null ? TrialConfig.of(id, result.model(), seed)
                        : running.contains(id) ? proposed.get(id) : null;
                if (started != null) {
                    decided.put(id, started);
                    if (result != null || settings.constantLiar()) {
                        seen.add(started.model().anyEpochs());
                    }
                }
            }
        }
        List<TpeSampler.Scored> scored = ranked(finished);
        List<ModelConfig> busy = new ArrayList<>();
        for (int id : new TreeSet<>(running)) {
            if (decided.containsKey(id)) {
                busy.add(decided.get(id).model());
            }
        }
        for (List<Integer> ids : brackets) {
            int fresh = 0;
            for (int id : ids) {
                if (fresh == BATCH) {
                    break;
                }
                if (decided.containsKey(id) || running.contains(id)) {
                    continue;
                }
                Random random = TpeSampler.randomFor(seed, id);
                ModelConfig model = random.nextDouble() < randomFraction || scored.isEmpty()
                        ? sampler.randomDraw(random, seen) : sampler.propose(scored, busy, random, seen);
                TrialConfig trial = TrialConfig.of(id, model, seed);
                proposed.put(id, trial);
                decided.put(id, trial);
                busy.add(model);
                if (settings.constantLiar()) {
                    seen.add(model.anyEpochs());
                }
                fresh++;
            }
        }
        lastFinished = List.copyOf(finished);
        lastRunning = Set.copyOf(running);
        lastDecided = decided;
        return decided;
    }

    /**
     * The results as TPE ranks them: those that trained the fitted rung (the highest at which
     * {@code startup_trials} results are known) by their best within its epochs, then those halving stopped
     * below it, a higher rung before a lower one: a trial not promoted was judged worse than those that
     * were. Scores are ranks (higher better); NaN for a trial that failed, diverged or got stuck. Empty
     * until the first rung has {@code startup_trials} results. Without the stopped trials, the model of a
     * high rung would only see promoted trials, and its "bad" density would sit on the good region.
     */
    private List<TpeSampler.Scored> ranked(List<TrialResult> finished) {
        List<TrialResult> all = new ArrayList<>(earlier);
        all.addAll(finished);
        List<TrialResult> healthy = all.stream().filter(Rungs::healthy).toList();
        int fitted = -1;
        for (int rung = rungEpochs.size() - 1; rung >= 0 && fitted < 0; rung--) {
            int epochs = rungEpochs.get(rung);
            if (healthy.stream().filter(r -> r.epochs().size() >= epochs).count() >= settings.startupTrials()) {
                fitted = rung;
            }
        }
        if (fitted < 0) {
            return List.of();
        }
        Map<TrialResult, double[]> keys = new HashMap<>();
        for (TrialResult r : healthy) {
            int level = fitted;
            while (level > 0 && r.epochs().size() < rungEpochs.get(level)) {
                level--;
            }
            keys.put(r, new double[] {level, objective.scoreWithin(r, rungEpochs.get(level))});
        }
        List<TrialResult> order = new ArrayList<>(healthy);
        order.sort(Comparator.comparingDouble((TrialResult r) -> -keys.get(r)[0])
                .thenComparingDouble(r -> -keys.get(r)[1]).thenComparingInt(TrialResult::trialId));
        List<TpeSampler.Scored> scored = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            scored.add(new TpeSampler.Scored(order.get(i).model(), order.size() - i, order.get(i).trialId()));
        }
        all.stream().filter(r -> !Rungs.healthy(r))
                .forEach(r -> scored.add(new TpeSampler.Scored(r.model(), Double.NaN, r.trialId())));
        return scored;
    }
}

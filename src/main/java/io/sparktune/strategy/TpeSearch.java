package io.sparktune.strategy;

import io.sparktune.model.ModelConfig;
import io.sparktune.space.SearchSpace;
import io.sparktune.spec.TpeSettings;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011; Watanabe 2023) as a strategy: trial ids
 * {@code firstId} to {@code firstId + trials - 1}, each proposed by a {@link TpeSampler} from every result so
 * far when a core is free. Trials that failed, diverged or got stuck count as the worst result.
 *
 * <p>Trials still running count as if they had that worst result too (the constant liar), so proposals
 * made while others run steer away from them, and no configuration still training is proposed again:
 * with many cores, TPE that ignores running trials proposes the same point again and again. A batch of
 * proposals for several free cores is made the same way, each counting the ones before it as running.
 * Without the liar ({@code constant_liar: false}, kept to measure what it buys) running trials are ignored
 * altogether, as Hyperopt's SparkTrials and Optuna without its liar do.
 *
 * <p>The proposals depend on the finished and running trials alone (each trial id draws from its own seed),
 * so the same completion order gives the same trials, and a resumed search proposes from its journal.
 */
public final class TpeSearch implements SearchStrategy {
    /**
     * Proposals made at once: the job asks again at once while cores stay free, so a few are enough, and
     * each proposal costs a fit of both densities.
     */
    private static final int BATCH = 8;

    private final TpeSampler sampler;
    private final boolean liar;
    private final int trials;
    private final int firstId;
    private final long seed;
    private final Objective objective;
    private final Set<ModelConfig> taken;
    /** Earlier searches' trials: observations the model learns from, never this search's trials. */
    private final List<TrialResult> earlier;
    /** What each trial id was last proposed as: the running ones' configurations, for the liar. */
    private final Map<Integer, TrialConfig> proposed = new HashMap<>();

    public TpeSearch(SearchSpace space, ModelConfig defaults, int trials, int firstId, long seed,
                     TpeSettings settings, Objective objective, Set<ModelConfig> taken, List<TrialResult> earlier) {
        this.sampler = new TpeSampler(space, defaults, settings);
        this.liar = settings.constantLiar();
        this.trials = trials;
        this.firstId = firstId;
        this.seed = seed;
        this.objective = objective;
        this.taken = Set.copyOf(taken);
        this.earlier = List.copyOf(earlier);
    }

    /**
     * Why a search's trials would all be random draws, if they would: with {@code slots} trials side by side,
     * the first trial TPE proposes from results is number slots + startup_trials - {@code known}, counting
     * every trial of the search (the baseline's and manual ones' results count too); {@code known}: the
     * results it has from the start, earlier searches'. Empty when the model proposes at least one trial.
     */
    static Optional<String> allRandom(long trials, int slots, TpeSettings settings, int known) {
        int first = slots + settings.startupTrials() - known;
        if (known >= settings.startupTrials() || trials >= first) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "search.trials: all %d trials start before TPE has the %d"
                + " results of search.tpe.startup_trials%s, with %d side by side (execution.parallel_trials), so"
                + " each is a random draw; TPE's model would propose from trial %d on. Ask for more trials, fewer"
                + " start-up trials or fewer side by side, or warm-start from an earlier search",
                trials, settings.startupTrials(), known == 0 ? "" : " (" + known + " lent by search.warm_start)",
                slots, first));
    }

    @Override
    public boolean ordersItsTrials() {
        return true;
    }

    @Override
    public synchronized List<TrialConfig> nextTrials(List<TrialResult> finished, Set<Integer> running) {
        Set<Integer> used = new HashSet<>(running);
        finished.forEach(r -> used.add(r.trialId()));
        List<TpeSampler.Scored> scored = new ArrayList<>();
        for (List<TrialResult> results : List.of(earlier, finished)) {
            results.forEach(r -> scored.add(new TpeSampler.Scored(r.model(),
                    objective.counts(r) ? objective.score(objective.value(r)) : Double.NaN, r.trialId())));
        }
        Set<ModelConfig> seen = new HashSet<>(taken);
        finished.forEach(r -> seen.add(r.model()));
        List<ModelConfig> busy = new ArrayList<>();
        for (int id : new TreeSet<>(running)) {
            TrialConfig t = proposed.get(id);
            if (t != null) {
                busy.add(t.model());
                if (liar) {
                    seen.add(t.model());
                }
            }
        }
        List<TrialConfig> batch = new ArrayList<>();
        for (int id = firstId; id < firstId + trials && batch.size() < BATCH; id++) {
            if (used.contains(id)) {
                continue;
            }
            ModelConfig model = sampler.propose(scored, busy, TpeSampler.randomFor(seed, id), seen);
            TrialConfig trial = TrialConfig.of(id, model, seed);
            proposed.put(id, trial);
            batch.add(trial);
            busy.add(model);
            if (liar) {
                seen.add(model);
            }
        }
        return batch;
    }
}

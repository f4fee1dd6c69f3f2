package io.sparktune.strategy;

import io.sparktune.input.SpecException;
import io.sparktune.model.Hyperparameter;
import io.sparktune.model.ModelConfig;
import io.sparktune.space.Choice;
import io.sparktune.space.Domain;
import io.sparktune.space.Range;
import io.sparktune.space.SearchSpace;
import io.sparktune.spec.TpeSettings;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011; Watanabe 2023) as a strategy: trials ids
 * {@code firstId} to {@code firstId + trials - 1}, each proposed when a core is free. The first
 * {@code startup_trials} results come from random draws. After that, the results so far are split into the
 * good (the best gamma of them) and the rest; a {@link ParzenEstimator} is fitted to each, and of
 * {@code candidates} draws from the good density the one with the highest ratio of good to bad density is
 * proposed. Trials that failed, diverged or got stuck count as the worst result.
 *
 * <p>Trials still running count as if they had that worst result too (the constant liar), so proposals
 * made while others run steer away from them rather than repeating them: with many cores, TPE that
 * ignores running trials proposes the same point again and again. A batch of proposals for several free
 * cores is made the same way, each counting the ones before it as running.
 *
 * <p>The proposals depend on the finished and running trials alone (each trial id draws from its own seed),
 * so the same completion order gives the same trials, and a resumed search proposes from its journal.
 */
public final class TpeSearch implements SearchStrategy {
    /** Proposals made at once, for as many free cores. */
    private static final int BATCH = 64;
    /** Draws before concluding the space has no configuration left that no trial has. */
    private static final int PATIENCE = 100;

    private final SearchSpace space;
    private final ModelConfig defaults;
    private final int trials;
    private final int firstId;
    private final long seed;
    private final TpeSettings settings;
    private final Objective objective;
    private final Set<ModelConfig> taken;
    /** Earlier searches' trials: observations the model learns from, never this search's trials. */
    private final List<TrialResult> earlier;
    private final List<Hyperparameter<?>> parameters;
    private final List<ParzenEstimator.Dimension> dimensions = new ArrayList<>();
    /** What each trial id was last proposed as: the running ones' configurations, for the liar. */
    private final Map<Integer, TrialConfig> proposed = new HashMap<>();

    public TpeSearch(SearchSpace space, ModelConfig defaults, int trials, int firstId, long seed,
                     TpeSettings settings, Objective objective, Set<ModelConfig> taken, List<TrialResult> earlier) {
        this.space = space;
        this.defaults = defaults;
        this.trials = trials;
        this.firstId = firstId;
        this.seed = seed;
        this.settings = settings;
        this.objective = objective;
        this.taken = Set.copyOf(taken);
        this.earlier = List.copyOf(earlier);
        this.parameters = space.parameters();
        for (Hyperparameter<?> h : parameters) {
            Domain domain = space.domains().get(h);
            if (domain instanceof Range r) {
                dimensions.add(ParzenEstimator.Dimension.numeric(forward(r, r.low()), forward(r, r.high())));
            } else {
                dimensions.add(ParzenEstimator.Dimension.categorical(((Choice) domain).values().size()));
            }
        }
    }

    @Override
    public synchronized List<TrialConfig> nextTrials(List<TrialResult> finished, Set<Integer> running) {
        Set<Integer> used = new HashSet<>(running);
        finished.forEach(r -> used.add(r.trialId()));
        List<Observation> observed = new ArrayList<>();
        // Scores are higher-is-better whatever the objective (a loss negated).
        List<TrialResult> known = new ArrayList<>(earlier);
        known.addAll(finished);
        double worst = known.stream().filter(objective::counts).mapToDouble(r -> objective.score(objective.value(r)))
                .min().orElse(0);
        for (TrialResult r : known) {
            point(r.model()).ifPresent(p -> observed.add(new Observation(p, objective.counts(r)
                    ? objective.score(objective.value(r)) : worst, r.trialId())));
        }
        Set<ModelConfig> seen = new HashSet<>(taken);
        finished.forEach(r -> seen.add(r.model()));
        List<double[]> liars = new ArrayList<>();
        for (int id : running) {
            TrialConfig t = proposed.get(id);
            if (t != null) {
                seen.add(t.model());
                if (settings.constantLiar()) {
                    point(t.model()).ifPresent(liars::add);
                }
            }
        }
        List<TrialConfig> batch = new ArrayList<>();
        for (int id = firstId; id < firstId + trials && batch.size() < BATCH; id++) {
            if (used.contains(id)) {
                continue;
            }
            Random random = new Random(mix(seed, id));
            ModelConfig model = observed.size() < settings.startupTrials() ? randomDraw(random, seen)
                    : propose(observed, liars, worst, random, seen);
            TrialConfig trial = TrialConfig.of(id, model, seed);
            proposed.put(id, trial);
            batch.add(trial);
            seen.add(model);
            if (settings.constantLiar()) {
                point(model).ifPresent(liars::add);
            }
        }
        return batch;
    }

    /** The configuration whose ratio of good to bad density is highest among draws from the good one. */
    private ModelConfig propose(List<Observation> observed, List<double[]> liars, double worst, Random random,
                                Set<ModelConfig> seen) {
        List<Observation> all = new ArrayList<>(observed);
        liars.forEach(p -> all.add(new Observation(p, worst, Integer.MAX_VALUE)));
        // Best first; among equals, the earlier trial (a liar comes last, as the worst).
        all.sort(Comparator.comparingDouble((Observation o) -> -o.value()).thenComparingInt(Observation::trialId));
        int good = settings.goodCount(observed.size());
        List<double[]> goodPoints = all.subList(0, Math.min(good, all.size())).stream().map(Observation::point)
                .toList();
        List<double[]> badPoints = all.subList(Math.min(good, all.size()), all.size()).stream()
                .map(Observation::point).toList();
        ParzenEstimator l = new ParzenEstimator(dimensions, goodPoints, settings.multivariate());
        ParzenEstimator g = new ParzenEstimator(dimensions, badPoints, settings.multivariate());
        List<Scored> scored = new ArrayList<>();
        for (int c = 0; c < settings.candidates(); c++) {
            double[] candidate = l.sample(random);
            scored.add(new Scored(candidate, l.logDensity(candidate) - g.logDensity(candidate)));
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.score()));
        for (Scored s : scored) {
            ModelConfig model = config(s.point());
            if (!seen.contains(model)) {
                return model;
            }
        }
        // Every candidate is a configuration some trial has: on a small space, take one no trial has.
        return randomDraw(random, seen);
    }

    private ModelConfig randomDraw(Random random, Set<ModelConfig> seen) {
        for (int attempt = 0; attempt < PATIENCE; attempt++) {
            Map<Hyperparameter<?>, Object> assignment = new LinkedHashMap<>();
            space.domains().forEach((h, domain) -> assignment.put(h, domain.sample(random)));
            ModelConfig model = defaults.with(assignment, "search.space.");
            if (!seen.contains(model)) {
                return model;
            }
        }
        throw new SpecException("search.trials", "asks for " + trials + " distinct configurations, but "
                + PATIENCE + " draws from search.space found none that no trial has; widen the space or ask for"
                + " fewer trials");
    }

    /** The searched values of {@code model} as a point, if every one lies in its domain. */
    private java.util.Optional<double[]> point(ModelConfig model) {
        double[] point = new double[parameters.size()];
        for (int k = 0; k < point.length; k++) {
            Hyperparameter<?> h = parameters.get(k);
            Object value = model.get(h);
            Domain domain = space.domains().get(h);
            if (domain instanceof Range r) {
                double v = ((Number) value).doubleValue();
                if (v < r.low() || v > r.high()) {
                    return java.util.Optional.empty();
                }
                point[k] = forward(r, v);
            } else {
                int index = ((Choice) domain).values().indexOf(h.column(value));
                if (index < 0) {
                    index = ((Choice) domain).values().indexOf(value);
                }
                if (index < 0) {
                    return java.util.Optional.empty();
                }
                point[k] = index;
            }
        }
        return java.util.Optional.of(point);
    }

    private ModelConfig config(double[] point) {
        Map<Hyperparameter<?>, Object> assignment = new LinkedHashMap<>();
        for (int k = 0; k < point.length; k++) {
            Hyperparameter<?> h = parameters.get(k);
            Domain domain = space.domains().get(h);
            assignment.put(h, domain instanceof Range r ? r.snap(r.log() ? Math.exp(point[k]) : point[k])
                    : ((Choice) domain).values().get((int) point[k]));
        }
        return defaults.with(assignment, "search.space.");
    }

    private static double forward(Range r, double v) {
        return r.log() ? Math.log(v) : v;
    }

    /** SplitMix64's finalizer: a trial's own seed, whatever the order trials are proposed in. */
    private static long mix(long seed, int id) {
        long z = seed + 0x9E3779B97F4A7C15L * (id + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private record Observation(double[] point, double value, int trialId) {
    }

    private record Scored(double[] point, double score) {
    }
}

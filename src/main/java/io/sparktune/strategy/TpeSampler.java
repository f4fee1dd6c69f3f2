package io.sparktune.strategy;

import io.sparktune.input.SpecException;
import io.sparktune.model.Hyperparameter;
import io.sparktune.model.ModelConfig;
import io.sparktune.space.Choice;
import io.sparktune.space.Domain;
import io.sparktune.space.Range;
import io.sparktune.space.SearchSpace;
import io.sparktune.spec.TpeSettings;
import io.sparktune.trial.TrialConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The Tree-structured Parzen Estimator's proposal step (Bergstra et al. 2011; Watanabe 2023): from scored
 * configurations, the best gamma of them make the density of good ones and the rest the density of bad
 * ones (a {@link ParzenEstimator} each, over ranges, ordered lists of numbers and categories); of
 * {@code candidates} draws from the good density, the one with the highest ratio of good to bad density is
 * proposed. Until {@code startup_trials} configurations are scored
 * it draws at random. Configurations still training count as the worst score seen (the constant liar), so
 * proposals made while they run steer away from them rather than repeat them.
 *
 * <p>Used both by TPE search (scores: each trial's result) and by model-based halving (scores: each trial's
 * result within one rung's epochs). Stateless: the caller says what is scored, what runs and which
 * configurations are taken.
 */
final class TpeSampler {
    /** Draws before concluding the space has no configuration left that no trial has. */
    private static final int PATIENCE = 100;
    /** Grids up to this size are listed to find a configuration left when draws find none. */
    private static final int ENUMERABLE = 100_000;

    private final SearchSpace space;
    private final ModelConfig defaults;
    private final TpeSettings settings;
    private final List<Hyperparameter<?>> parameters;
    private final List<ParzenEstimator.Dimension> dimensions = new ArrayList<>();

    /**
     * A configuration and its score, higher better whatever the objective (a loss negated); NaN when the
     * trial failed, diverged or got stuck, which counts as the worst score seen. {@code trialId} breaks ties.
     */
    record Scored(ModelConfig model, double score, int trialId) {
    }

    TpeSampler(SearchSpace space, ModelConfig defaults, TpeSettings settings) {
        this.space = space;
        this.defaults = defaults;
        this.settings = settings;
        this.parameters = space.parameters();
        for (Hyperparameter<?> h : parameters) {
            Domain domain = space.domains().get(h);
            if (domain instanceof Range r) {
                // Widened as random draws are, so TPE's prior gives a range's end values their full share.
                dimensions.add(ParzenEstimator.Dimension.numeric(forward(r, r.drawLow()), forward(r, r.drawHigh()),
                        r.spacing(), r.log()));
            } else if (ordered((Choice) domain)) {
                // Each value's index owns the interval around it, the end ones as wide as the rest.
                dimensions.add(ParzenEstimator.Dimension.numeric(-0.5, ((Choice) domain).values().size() - 0.5, 1,
                        false));
            } else {
                dimensions.add(ParzenEstimator.Dimension.categorical(((Choice) domain).values().size()));
            }
        }
    }

    /**
     * Whether a list is an ordered axis: numbers in increasing order, as grids are written (learning rates
     * 1e-4, 1e-3, 1e-2). Its kernels then spread to the neighbouring values rather than evenly to all, so
     * a good value makes its neighbours likelier too; any other list is a set of unrelated categories.
     */
    private static boolean ordered(Choice choice) {
        List<Object> values = choice.values();
        for (int i = 0; i < values.size(); i++) {
            if (!(values.get(i) instanceof Number n)
                    || i > 0 && !(n.doubleValue() > ((Number) values.get(i - 1)).doubleValue())) {
                return false;
            }
        }
        return values.size() > 1;
    }

    /**
     * The next configuration to try, none of {@code seen}: model-based once {@code startup_trials} of
     * {@code scored} lie in the space, random before. {@code running}: configurations still training, which
     * the constant liar counts as the worst score; with the liar the caller also puts them in {@code seen}.
     */
    ModelConfig propose(List<Scored> scored, List<ModelConfig> running, Random random, Set<ModelConfig> seen) {
        double worst = scored.stream().mapToDouble(Scored::score).filter(Double::isFinite).min().orElse(0);
        List<Observation> observed = new ArrayList<>();
        for (Scored s : scored) {
            point(s.model()).ifPresent(p -> observed.add(new Observation(p,
                    Double.isFinite(s.score()) ? s.score() : worst, s.trialId())));
        }
        if (observed.size() < settings.startupTrials()) {
            return randomDraw(random, seen);
        }
        int good = settings.goodCount(observed.size());
        if (settings.constantLiar()) {
            running.forEach(m -> point(m).ifPresent(p -> observed.add(new Observation(p, worst, Integer.MAX_VALUE))));
        }
        // Best first; among equals, the earlier trial (a liar comes last, as the worst).
        observed.sort(Comparator.comparingDouble((Observation o) -> -o.value()).thenComparingInt(Observation::trialId));
        int split = Math.min(good, observed.size());
        ParzenEstimator l = new ParzenEstimator(dimensions,
                observed.subList(0, split).stream().map(Observation::point).toList(), settings.multivariate());
        ParzenEstimator g = new ParzenEstimator(dimensions,
                observed.subList(split, observed.size()).stream().map(Observation::point).toList(),
                settings.multivariate());
        List<Candidate> candidates = new ArrayList<>();
        for (int c = 0; c < settings.candidates(); c++) {
            double[] point = l.sample(random);
            candidates.add(new Candidate(point, l.logDensity(point) - g.logDensity(point)));
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> -c.ratio()));
        for (Candidate c : candidates) {
            ModelConfig model = config(c.point());
            if (!seen.contains(model)) {
                return model;
            }
        }
        // Every candidate is a configuration some trial has: on a small space, take one no trial has.
        return randomDraw(random, seen);
    }

    /** A configuration drawn from the space at random, none of {@code seen}. */
    ModelConfig randomDraw(Random random, Set<ModelConfig> seen) {
        for (int attempt = 0; attempt < PATIENCE; attempt++) {
            Map<Hyperparameter<?>, Object> assignment = new LinkedHashMap<>();
            space.domains().forEach((h, domain) -> assignment.put(h, domain.sample(random)));
            ModelConfig model = defaults.with(assignment, "search.space.");
            if (!seen.contains(model)) {
                return model;
            }
        }
        // A small list-only space can be nearly used up, where draws rarely hit what is left: pick from the rest.
        if (space.domains().values().stream().allMatch(d -> d instanceof Choice)) {
            GridSearch grid = new GridSearch(space, defaults, 0, 0);
            if (grid.size() <= ENUMERABLE) {
                List<ModelConfig> left = grid.trials().stream().map(TrialConfig::model).filter(m -> !seen.contains(m))
                        .toList();
                if (!left.isEmpty()) {
                    return left.get(random.nextInt(left.size()));
                }
            }
        }
        throw new SpecException("search.trials", "asks for more distinct configurations than search.space has: "
                + PATIENCE + " draws found none that no trial has; widen the space or ask for fewer trials");
    }

    /** A trial's own random stream, whatever the order trials are proposed in. */
    static Random randomFor(long seed, int trialId) {
        return new Random(TrialConfig.mix(seed, trialId));
    }

    /** The searched values of {@code model} as a point, if every one lies in its domain. */
    private Optional<double[]> point(ModelConfig model) {
        double[] point = new double[parameters.size()];
        for (int k = 0; k < point.length; k++) {
            Hyperparameter<?> h = parameters.get(k);
            Object value = model.get(h);
            Domain domain = space.domains().get(h);
            if (domain instanceof Range r) {
                double v = ((Number) value).doubleValue();
                if (v < r.low() || v > r.high()) {
                    return Optional.empty();
                }
                point[k] = forward(r, v);
            } else {
                int index = ((Choice) domain).values().indexOf(h.column(value));
                if (index < 0) {
                    index = ((Choice) domain).values().indexOf(value);
                }
                if (index < 0) {
                    return Optional.empty();
                }
                point[k] = index;
            }
        }
        return Optional.of(point);
    }

    private ModelConfig config(double[] point) {
        Map<Hyperparameter<?>, Object> assignment = new LinkedHashMap<>();
        for (int k = 0; k < point.length; k++) {
            Hyperparameter<?> h = parameters.get(k);
            Domain domain = space.domains().get(h);
            assignment.put(h, domain instanceof Range r ? r.snap(r.log() ? Math.exp(point[k]) : point[k])
                    : nearest((Choice) domain, point[k]));
        }
        return defaults.with(assignment, "search.space.");
    }

    private static Object nearest(Choice choice, double index) {
        return choice.values().get((int) Math.max(0, Math.min(choice.values().size() - 1, Math.round(index))));
    }

    private static double forward(Range r, double v) {
        return r.log() ? Math.log(v) : v;
    }

    private record Observation(double[] point, double value, int trialId) {
    }

    private record Candidate(double[] point, double ratio) {
    }
}

package io.sparktune.report;

import io.sparktune.model.Hyperparameter;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How much of the variance in the objective each searched hyperparameter explains on its own: the
 * between-group share of the total sum of squares (eta squared of a one-way ANOVA), grouping trials by
 * the parameter's value, or by quartile of it when a range gave more than eight distinct values. A search
 * has at most thousands of trials, so this runs on the driver's results without Spark. With few trials
 * per value it overstates; the report says so.
 */
public final class HyperparameterImportance {
    /** Above this many distinct values a numeric parameter is grouped by quartile. */
    private static final int MAX_GROUPS = 8;

    public record Share(String parameter, double share, long groups, long trials) {
    }

    private HyperparameterImportance() {
    }

    /**
     * One share per parameter with at least two values among the trials that have a value of the
     * objective (its best epoch's); largest first.
     */
    public static List<Share> of(List<TrialResult> results, List<Hyperparameter<?>> searched, Objective objective) {
        return of(results, searched, objective, objective::value);
    }

    /**
     * The same within each trial's first {@code epochs} epochs: under successive halving trials trained 1
     * to 9 epochs, and pooling their best values would credit whatever got promoted; the first rung is
     * what every trial trained.
     */
    public static List<Share> withinEpochs(List<TrialResult> results, List<Hyperparameter<?>> searched,
                                           Objective objective, int epochs) {
        return of(results, searched, objective, r -> objective.scoreWithin(r, epochs));
    }

    private static List<Share> of(List<TrialResult> results, List<Hyperparameter<?>> searched, Objective objective,
                                  java.util.function.ToDoubleFunction<TrialResult> value) {
        List<TrialResult> scored = results.stream().filter(r -> objective.bestEpoch(r).isPresent())
                .filter(r -> Double.isFinite(value.applyAsDouble(r))).toList();
        List<Share> shares = new ArrayList<>();
        for (Hyperparameter<?> h : searched) {
            List<Object> values = scored.stream().map(r -> r.model().column(h)).toList();
            List<Object> groups = groupsOf(h, values);
            double[] y = scored.stream().mapToDouble(value).toArray();
            share(h.columnName(), groups, y).ifPresent(shares::add);
        }
        shares.sort(Comparator.comparingDouble(Share::share).reversed());
        return shares;
    }

    /** Each trial's group: its value, or its value's quartile (1-4) when a number took many values. */
    private static List<Object> groupsOf(Hyperparameter<?> h, List<Object> values) {
        if (!h.isNumeric() || new HashSet<>(values).size() <= MAX_GROUPS) {
            return values.stream().map(v -> (Object) String.valueOf(v)).toList();
        }
        double[] sorted = values.stream().filter(Objects::nonNull).mapToDouble(v -> ((Number) v).doubleValue())
                .sorted().toArray();
        double q1 = quantile(sorted, 0.25);
        double q2 = quantile(sorted, 0.5);
        double q3 = quantile(sorted, 0.75);
        return values.stream().map(v -> {
            double x = ((Number) v).doubleValue();
            return (Object) (x <= q1 ? 1 : x <= q2 ? 2 : x <= q3 ? 3 : 4);
        }).toList();
    }

    /** The smallest value with at least a share {@code p} of the values at or below it. */
    private static double quantile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static java.util.Optional<Share> share(String parameter, List<Object> groups, double[] y) {
        int n = y.length;
        double mean = java.util.Arrays.stream(y).average().orElse(0);
        double total = java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum();
        Map<Object, double[]> sums = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            double[] s = sums.computeIfAbsent(groups.get(i), g -> new double[2]);
            s[0] += y[i];
            s[1]++;
        }
        if (sums.size() < 2 || total <= 1e-12) {
            return java.util.Optional.empty();
        }
        double between = 0;
        for (double[] s : sums.values()) {
            double groupMean = s[0] / s[1];
            between += s[1] * (groupMean - mean) * (groupMean - mean);
        }
        return java.util.Optional.of(new Share(parameter, Math.min(1, Math.max(0, between / total)), sums.size(), n));
    }
}

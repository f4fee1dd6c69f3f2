package io.sparktune.confirm;

import java.util.List;
import java.util.stream.DoubleStream;

/**
 * A configuration's values under several seeds: the search's run of trial {@code trialId} and its
 * confirmation runs ({@code newValues}); {@code failed} of those runs gave no value (diverged, stuck
 * before any validation, failed). The mean and sample standard deviation are over every value, the
 * search's included: it is one run of the same configuration, and the top configurations all carry the
 * same selection's luck in it.
 */
public record Confirmed(int trialId, double searchValue, List<Double> newValues, int failed) {
    public Confirmed {
        newValues = List.copyOf(newValues);
    }

    private DoubleStream values() {
        return DoubleStream.concat(DoubleStream.of(searchValue), newValues.stream().mapToDouble(Double::doubleValue));
    }

    /** The runs with a value, the search's included. */
    public int runs() {
        return 1 + newValues.size();
    }

    public double mean() {
        return values().average().orElseThrow();
    }

    /** The sample standard deviation; NaN with one value. */
    public double sd() {
        int n = runs();
        if (n < 2) {
            return Double.NaN;
        }
        double mean = mean();
        return Math.sqrt(values().map(v -> (v - mean) * (v - mean)).sum() / (n - 1));
    }
}

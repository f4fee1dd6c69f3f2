package io.sparktune.space;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A distribution over numbers, written in the spec as an object: {@code {"low": 1e-4, "high": 0.1,
 * "log": true}}. Integer hyperparameters draw whole numbers; {@code step} snaps draws to low + k * step;
 * {@code points} makes it usable by grid search (evenly spaced, log-spaced when {@code log}).
 */
public record Range(double low, double high, boolean log, boolean integer, Double step, Integer points)
        implements Domain {

    /**
     * A random value: uniform, or log-uniform when {@code log}. A range of whole numbers or steps is drawn
     * over bounds widened by half a step and then rounded, as Optuna does, so that each end value is as
     * likely as any other (rounding a draw over [low, high] gives the ends half the share).
     */
    @Override
    public Object sample(Random random) {
        double from = drawLow();
        double to = drawHigh();
        double u = random.nextDouble();
        double value = log ? Math.exp(Math.log(from) + u * (Math.log(to) - Math.log(from))) : from + u * (to - from);
        return snap(value);
    }

    /** The grid's values: {@code points} of them from low to high inclusive, without repeats. */
    @Override
    public List<Object> gridValues() {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double t = points == 1 ? 0 : (double) i / (points - 1);
            double value = log ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low))) : low + t * (high - low);
            Object snapped = snap(value);
            if (!values.contains(snapped)) {
                values.add(snapped);
            }
        }
        return values;
    }

    @Override
    public long size() {
        return discrete() ? Math.round((high - low) / spacing()) + 1 : Long.MAX_VALUE;
    }

    /** The value a draw of {@code value} becomes: on the step grid, within [low, high], whole for integers. */
    public Object snap(double value) {
        double v = value;
        if (step != null) {
            v = low + Math.round((v - low) / step) * step;
        }
        v = Math.min(high, Math.max(low, v));
        if (integer) {
            return (int) Math.round(v);
        }
        // Twelve significant digits: readable in tables, and equal values compare equal.
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", v));
    }

    /** The low end of the interval draws come from: half a step below low for whole numbers and steps. */
    public double drawLow() {
        return discrete() ? low - spacing() / 2 : low;
    }

    /** The high end of the interval draws come from: half a step above high for whole numbers and steps. */
    public double drawHigh() {
        return discrete() ? high + spacing() / 2 : high;
    }

    /** Whether the range holds finitely many values: whole numbers, or a step. */
    private boolean discrete() {
        return integer || step != null;
    }

    /** The distance between a discrete range's neighbouring values (1 for whole numbers); 0 when continuous. */
    public double spacing() {
        return discrete() ? (step != null ? step : 1) : 0;
    }
}

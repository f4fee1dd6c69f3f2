package io.sparktune.spec;

import io.sparktune.input.SpecException;
import io.sparktune.model.Head;
import io.sparktune.model.Hyperparameter;
import io.sparktune.model.Hyperparameters;
import io.sparktune.space.Choice;
import io.sparktune.space.Domain;
import io.sparktune.space.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BinaryOperator;

/**
 * Model settings that cannot work together, found before anything trains: an error when no trial could be
 * right, a warning when a searched value would change nothing. Settings that fail for one corner of a grid
 * only (too many valid-padded blocks for the images) are left to that trial, which ends as failed.
 */
public final class Combinations {
    private Combinations() {
    }

    /** Throws for the first impossible combination of the defaults and the searched values. */
    static void check(SearchSpec spec) {
        int fewestEpochs = spec.halving() != null ? spec.halving().maxEpochs()
                : (int) bound(spec, Hyperparameters.EPOCHS, Math::min);
        int mostWarmup = (int) bound(spec, Hyperparameters.WARMUP_EPOCHS, Math::max);
        if (mostWarmup >= fewestEpochs) {
            String warmupField = field(spec, Hyperparameters.WARMUP_EPOCHS);
            String epochsField = spec.halving() != null ? "search.halving.max_epochs"
                    : field(spec, Hyperparameters.EPOCHS);
            throw new SpecException(warmupField, String.format(Locale.ROOT, "%d warm-up epochs leave no epoch for"
                    + " the schedule: %s is %d; warmup_epochs must be below it", mostWarmup, epochsField,
                    fewestEpochs));
        }
        for (int i = 0; i < spec.manual().size(); i++) {
            var model = spec.manual().get(i);
            int epochs = spec.halving() != null ? spec.halving().maxEpochs() : model.get(Hyperparameters.EPOCHS);
            if (model.get(Hyperparameters.WARMUP_EPOCHS) >= epochs) {
                throw new SpecException("search.manual[" + i + "].warmup_epochs", String.format(Locale.ROOT,
                        "%d warm-up epochs leave no epoch for the schedule: epochs is %d; warmup_epochs must be"
                                + " below it", model.get(Hyperparameters.WARMUP_EPOCHS), epochs));
            }
        }
    }

    /** What the user should know: searched values that no trial uses. */
    public static List<String> warnings(SearchSpec spec) {
        List<String> warnings = new ArrayList<>();
        boolean neverDense = values(spec, Hyperparameters.HEAD).stream().noneMatch(v -> v == Head.DENSE);
        if (neverDense && spec.space().domains().containsKey(Hyperparameters.DENSE_UNITS)) {
            warnings.add("search.space.dense_units is searched but unused: with head global_avg there is no dense"
                    + " layer, so those trials differ in name only");
        }
        return warnings;
    }

    private static String field(SearchSpec spec, Hyperparameter<?> h) {
        return (spec.space().domains().containsKey(h) ? "search.space." : "model.") + h.specName();
    }

    /** The values {@code h} takes in this search: the searched ones, else the default. */
    private static List<Object> values(SearchSpec spec, Hyperparameter<?> h) {
        Domain domain = spec.space().domains().get(h);
        if (domain == null) {
            return List.of(spec.model().get(h));
        }
        return domain instanceof Range range ? List.of(range.low(), range.high()) : ((Choice) domain).values();
    }

    private static double bound(SearchSpec spec, Hyperparameter<Integer> h, BinaryOperator<Double> pick) {
        return values(spec, h).stream().map(v -> ((Number) v).doubleValue()).reduce(pick).orElseThrow();
    }
}

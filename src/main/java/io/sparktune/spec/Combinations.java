package io.sparktune.spec;

import io.sparktune.input.SpecException;
import io.sparktune.model.Head;
import io.sparktune.model.Hyperparameter;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.Optimizer;
import io.sparktune.space.Choice;
import io.sparktune.space.Domain;
import io.sparktune.space.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;

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
        checkBlockWidths(spec);
        requires(spec, Hyperparameters.ALTERNATE_FLIP, v -> v.equals(true), Hyperparameters.AUGMENT_FLIP,
                v -> v.equals(true), "alternates the flips augment_flip makes, and augment_flip is never true here;"
                        + " set augment_flip true");
        requires(spec, Hyperparameters.MOMENTUM, v -> !v.equals(Hyperparameters.MOMENTUM.defaultValue()),
                Hyperparameters.OPTIMIZER, v -> v == Optimizer.NESTEROVS, "is the nesterovs optimizer's, and the"
                        + " optimizer is never nesterovs here; use optimizer nesterovs or leave momentum out");
        requires(spec, Hyperparameters.LOOKAHEAD_ALPHA,
                v -> !v.equals(Hyperparameters.LOOKAHEAD_ALPHA.defaultValue()), Hyperparameters.LOOKAHEAD_STEPS,
                v -> ((Number) v).intValue() > 0, "is lookahead's, and lookahead_steps is never above 0 here; set"
                        + " lookahead_steps (every how many steps the slow weights move) or leave lookahead_alpha out");
        requires(spec, Hyperparameters.BATCH_NORM_MOMENTUM,
                v -> !v.equals(Hyperparameters.BATCH_NORM_MOMENTUM.defaultValue()), Hyperparameters.BATCH_NORM,
                v -> v.equals(true), "is batch norm's, and batch_norm is never true here; set batch_norm true or"
                        + " leave batch_norm_momentum out");
        for (int i = 0; i < spec.manual().size(); i++) {
            var model = spec.manual().get(i);
            checkBlockWidths(model, "search.manual[" + i + "].");
            int epochs = spec.halving() != null ? spec.halving().maxEpochs() : model.get(Hyperparameters.EPOCHS);
            if (model.get(Hyperparameters.WARMUP_EPOCHS) >= epochs) {
                throw new SpecException("search.manual[" + i + "].warmup_epochs", String.format(Locale.ROOT,
                        "%d warm-up epochs leave no epoch for the schedule: epochs is %d; warmup_epochs must be"
                                + " below it", model.get(Hyperparameters.WARMUP_EPOCHS), epochs));
            }
        }
    }

    /**
     * Refuses a setting of {@code h} that {@code used} says does something (a non-default value, or any search
     * of it) when {@code other} never takes a value {@code needed} accepts, in the baseline, the space or any
     * manual trial.
     */
    private static void requires(SearchSpec spec, Hyperparameter<?> h, Predicate<Object> used,
                                 Hyperparameter<?> other, Predicate<Object> needed, String problem) {
        boolean set = spec.space().domains().containsKey(h) || used.test(spec.model().get(h))
                || spec.manual().stream().anyMatch(m -> used.test(m.get(h)));
        boolean possible = values(spec, other).stream().anyMatch(needed)
                || spec.manual().stream().anyMatch(m -> needed.test(m.get(other)));
        if (set && !possible) {
            throw new SpecException(field(spec, h), problem);
        }
    }

    /** Each list of block widths gives one width per conv block, whichever conv_layers it meets. */
    private static void checkBlockWidths(SearchSpec spec) {
        checkBlockWidths(spec.model(), "model.");
        List<Object> layers = values(spec, Hyperparameters.CONV_LAYERS);
        for (Object widths : values(spec, Hyperparameters.BLOCK_WIDTHS)) {
            int count = widthCount(widths);
            Object other = layers.stream().filter(l -> count > 0 && ((Number) l).intValue() != count).findFirst()
                    .orElse(null);
            if (other != null) {
                throw new SpecException(field(spec, Hyperparameters.BLOCK_WIDTHS), String.format(Locale.ROOT,
                        "[%s] gives %d block widths but %s can be %s; list one width per conv block, and search"
                                + " conv_layers and block_widths only together (manual trials)", widths, count,
                        field(spec, Hyperparameters.CONV_LAYERS), ((Number) other).intValue()));
            }
        }
    }

    private static void checkBlockWidths(ModelConfig model, String prefix) {
        int count = widthCount(model.get(Hyperparameters.BLOCK_WIDTHS));
        if (count > 0 && count != model.get(Hyperparameters.CONV_LAYERS)) {
            throw new SpecException(prefix + Hyperparameters.BLOCK_WIDTHS.specName(), String.format(Locale.ROOT,
                    "[%s] gives %d block widths but conv_layers is %d; list one width per conv block",
                    model.get(Hyperparameters.BLOCK_WIDTHS), count, model.get(Hyperparameters.CONV_LAYERS)));
        }
    }

    private static int widthCount(Object widths) {
        String text = (String) widths;
        return text.isEmpty() ? 0 : text.split(",").length;
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

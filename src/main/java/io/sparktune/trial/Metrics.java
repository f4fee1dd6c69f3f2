package io.sparktune.trial;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * A classifier's scores on one set of images: accuracy, macro-averaged precision, recall and F1 for any
 * number of classes, per-class metrics,
 * and the confusion matrix ({@code confusion.get(actual).get(predicted)} images).
 */
public record Metrics(double accuracy, double precision, double recall, double f1, List<ClassMetric> classes,
                      List<List<Integer>> confusion) implements Serializable {

    public static Metrics of(Evaluation evaluation, List<String> classNames) {
        List<ClassMetric> classes = new ArrayList<>();
        List<List<Integer>> confusion = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            int support = 0;
            List<Integer> row = new ArrayList<>();
            for (int p = 0; p < classNames.size(); p++) {
                int count = evaluation.getConfusionMatrix().getCount(c, p);
                row.add(count);
                support += count;
            }
            confusion.add(List.copyOf(row));
            classes.add(new ClassMetric(classNames.get(c), zeroIfNaN(evaluation.precision(c)),
                    zeroIfNaN(evaluation.recall(c)), zeroIfNaN(evaluation.f1(c)), support));
        }
        return new Metrics(evaluation.accuracy(), macro(classes, ClassMetric::precision),
                macro(classes, ClassMetric::recall), macro(classes, ClassMetric::f1), List.copyOf(classes),
                List.copyOf(confusion));
    }

    /**
     * The unweighted mean over the classes, as scikit-learn's average="macro" (a class never predicted
     * counts 0). Computed here because DL4J's precision(), recall() and f1() give the positive class's
     * value, not an average, when there are two classes.
     */
    private static double macro(List<ClassMetric> classes, ToDoubleFunction<ClassMetric> metric) {
        return classes.stream().mapToDouble(metric).average().orElse(Double.NaN);
    }

    /** A class never predicted has no defined precision; 0 is what scikit-learn reports too. */
    private static double zeroIfNaN(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}

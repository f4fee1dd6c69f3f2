package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.factory.Nd4j;

/** Precision, recall and F1 in every table are macro averages, whatever the number of classes. */
class MetricsTest {
    private static Metrics metrics(int classes, int[] actual, int[] predicted) {
        float[][] labels = new float[actual.length][classes];
        float[][] outputs = new float[actual.length][classes];
        for (int i = 0; i < actual.length; i++) {
            labels[i][actual[i]] = 1;
            outputs[i][predicted[i]] = 1;
        }
        List<String> names = List.of("a", "b", "c").subList(0, classes);
        Evaluation evaluation = new Evaluation(names, 1);
        evaluation.eval(Nd4j.create(labels), Nd4j.create(outputs));
        return Metrics.of(evaluation, names);
    }

    /** Two classes: the macro average, not the second ("positive") class's value, which DL4J's f1() gives. */
    @Test
    void twoClassesAreMacroAveraged() {
        // class a: 3 of 4 right, class b: 4 of 6 right; each predicted 5 times.
        Metrics m = metrics(2, new int[] {0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, new int[] {0, 0, 0, 1, 1, 1, 1, 1, 0, 0});
        assertEquals(0.7, m.accuracy(), 1e-9);
        assertEquals((0.6 + 0.8) / 2, m.precision(), 1e-9);
        assertEquals((0.75 + 4.0 / 6) / 2, m.recall(), 1e-9);
        double f1a = 2 * 0.6 * 0.75 / (0.6 + 0.75);
        double f1b = 2 * 0.8 * (4.0 / 6) / (0.8 + 4.0 / 6);
        assertEquals((f1a + f1b) / 2, m.f1(), 1e-9);
    }

    /** A balanced two-class set: macro recall is the accuracy. */
    @Test
    void balancedBinaryRecallEqualsAccuracy() {
        Metrics m = metrics(2, new int[] {0, 0, 0, 0, 1, 1, 1, 1}, new int[] {0, 0, 0, 1, 1, 1, 0, 0});
        assertEquals(m.accuracy(), m.recall(), 1e-9);
    }

    /** Three classes, one never predicted: it counts 0 in the averages, as scikit-learn's zero_division=0. */
    @Test
    void threeClassesWithOneNeverPredicted() {
        Metrics m = metrics(3, new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 1, 0, 1, 1});
        assertEquals(0.5, m.accuracy(), 1e-9);
        assertEquals((2.0 / 3 + 1.0 / 3 + 0) / 3, m.precision(), 1e-9);
        assertEquals((1 + 0.5 + 0) / 3, m.recall(), 1e-9);
        assertEquals((0.8 + 0.4 + 0) / 3, m.f1(), 1e-9);
        assertEquals(0.0, m.classes().get(2).precision());
    }
}

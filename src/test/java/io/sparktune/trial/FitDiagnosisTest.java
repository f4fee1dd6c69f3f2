package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's fit rules on constructed curves: {train loss, train accuracy, val loss, val accuracy} per epoch. */
class FitDiagnosisTest {
    private static List<EpochResult> curve(double[]... epochs) {
        List<EpochResult> result = new ArrayList<>();
        for (int i = 0; i < epochs.length; i++) {
            double[] e = epochs[i];
            result.add(new EpochResult(i + 1, e[0], e[1], e[2], e[3], e[3], e[3], e[3], 1.0));
        }
        return result;
    }

    private static FitDiagnosis diagnose(double[]... epochs) {
        return FitDiagnosis.of(TrialStatus.OK, curve(epochs), 10);
    }

    @Test
    void validationLossRisingAfterItsMinimumWhileTrainingLossFallsIsOverfitting() {
        FitDiagnosis d = diagnose(new double[] {2.0, 0.40, 1.8, 0.38}, new double[] {1.5, 0.50, 1.5, 0.48},
                new double[] {1.0, 0.60, 1.6, 0.50}, new double[] {0.6, 0.62, 1.9, 0.50});
        assertEquals("overfitting", d.fit());
        assertTrue(d.reason().contains("validation loss rose 27% after its minimum at epoch 2"), d.reason());
    }

    @Test
    void aLargeTrainValidationAccuracyGapIsOverfitting() {
        FitDiagnosis d = diagnose(new double[] {1.0, 0.70, 1.2, 0.60}, new double[] {0.5, 0.90, 1.19, 0.70});
        assertEquals("overfitting", d.fit());
        assertTrue(d.reason().contains("20 points above validation accuracy"), d.reason());
    }

    @Test
    void bothAccuraciesLowIsUnderfitting() {
        // Chance is 0.1 for 10 classes: "low" is below 0.1 + 0.3 * 0.9 = 0.37.
        FitDiagnosis d = diagnose(new double[] {2.2, 0.20, 2.2, 0.20}, new double[] {2.1, 0.25, 2.1, 0.25});
        assertEquals("underfitting", d.fit());
        assertTrue(d.reason().contains("both below 0.370"), d.reason());
    }

    @Test
    void accuracyStillRisingAtTheLastEpochIsUnderfitting() {
        FitDiagnosis d = diagnose(new double[] {1.2, 0.55, 1.2, 0.55}, new double[] {1.0, 0.62, 1.05, 0.61});
        assertEquals("underfitting", d.fit());
        assertTrue(d.reason().contains("still rose 6.0 points in the last epoch"), d.reason());
    }

    @Test
    void levelledOffCurvesAreGood() {
        FitDiagnosis d = diagnose(new double[] {1.0, 0.65, 1.0, 0.64}, new double[] {0.9, 0.67, 0.95, 0.645},
                new double[] {0.85, 0.68, 0.96, 0.646});
        assertEquals("good", d.fit());
    }

    @Test
    void divergedAndFailedTrialsSaySo() {
        assertEquals("diverged", FitDiagnosis.of(TrialStatus.DIVERGED, List.of(), 10).fit());
        assertEquals("unknown", FitDiagnosis.of(TrialStatus.FAILED, List.of(), 10).fit());
    }
}

package io.sparktune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How values and durations read in progress lines. */
class ProgressPrinterTest {
    @Test
    void valuesReadAsASpecWritesThemWithThreeSignificantDigitsAtMost() {
        assertEquals("0.0003", io.sparktune.trial.TrialLabel.plain(3.0E-4));
        assertEquals("0.0152", io.sparktune.trial.TrialLabel.plain(0.0152296891839));
        assertEquals("0", io.sparktune.trial.TrialLabel.plain(0.0));
        assertEquals("64", io.sparktune.trial.TrialLabel.plain(64));
        assertEquals("tanh", io.sparktune.trial.TrialLabel.plain("tanh"));
    }

    @Test
    void durationsReadAsAPersonGlancingAtAConsoleWantsThem() {
        assertEquals("48s", ProgressPrinter.duration(48.2));
        assertEquals("6m", ProgressPrinter.duration(361));
        assertEquals("1h05m", ProgressPrinter.duration(3900));
    }
}

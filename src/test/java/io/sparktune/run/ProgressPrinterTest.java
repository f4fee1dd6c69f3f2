package io.sparktune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How durations read in progress lines. */
class ProgressPrinterTest {
    @Test
    void durationsReadAsAPersonGlancingAtAConsoleWantsThem() {
        assertEquals("48s", ProgressPrinter.duration(48.2));
        assertEquals("6m", ProgressPrinter.duration(361));
        assertEquals("1h05m", ProgressPrinter.duration(3900));
    }
}

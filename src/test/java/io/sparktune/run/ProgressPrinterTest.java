package io.sparktune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparktune.spark.SearchProgress;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.Objective;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How progress reads on the console. */
class ProgressPrinterTest {
    @Test
    void durationsReadAsAPersonGlancingAtAConsoleWantsThem() {
        assertEquals("48s", ProgressPrinter.duration(48.2));
        assertEquals("6m", ProgressPrinter.duration(361));
        assertEquals("1h05m", ProgressPrinter.duration(3900));
    }

    @Test
    void aLongTrialsEpochsArePrintedAsTheyEndAShortOnesAreNot() {
        StringWriter text = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), List.of(), Objective.VAL_ACCURACY);
        EpochResult epoch = new EpochResult(3, 1.2, 0.5, 1.3, 0.6125, 0.6, 0.6, 0.6, 70);
        long now = System.currentTimeMillis();
        printer.epochEnded(new SearchProgress.Epoch(new SearchProgress.Running(2, "trial 2 lr=0.05", now - 5_000), 8,
                epoch));
        assertEquals("", text.toString(), "a trial 5 s old stays quiet");
        printer.epochEnded(new SearchProgress.Epoch(new SearchProgress.Running(2, "trial 2 lr=0.05", now - 300_000), 8,
                epoch));
        assertEquals("      trial 2 lr=0.05  epoch 3/8  val_acc=0.613  5m", text.toString().stripTrailing());
    }
}

package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a trial counts as stuck: at chance, within a point, for stuck_epochs epochs in a row. */
class StuckRuleTest {
    private static List<EpochResult> curve(double... accuracies) {
        List<EpochResult> epochs = new ArrayList<>();
        for (int e = 0; e < accuracies.length; e++) {
            epochs.add(new EpochResult(e + 1, 2.3, 0.1, 2.3, accuracies[e], 0, 0, 0, 1));
        }
        return epochs;
    }

    @Test
    void atChanceForTheEpochsInARowIsStuck() {
        Optional<String> reason = StuckRule.check(curve(0.30, 0.104, 0.095), 10, 2);
        assertTrue(reason.isPresent());
        assertEquals("val_acc within 1 point of chance (0.100) for 2 epochs in a row, up to epoch 3",
                reason.get());
        assertTrue(StuckRule.check(curve(0.25, 0.26), 4, 2).isPresent(), "chance is 1/classes");
    }

    @Test
    void learningBetweenOrAPointAwayOrTurnedOffIsNotStuck() {
        assertEquals(Optional.empty(), StuckRule.check(curve(0.10, 0.30, 0.10), 10, 2), "not in a row");
        assertEquals(Optional.empty(), StuckRule.check(curve(0.10, 0.112), 10, 2), "1.2 points above chance");
        assertEquals(Optional.empty(), StuckRule.check(curve(0.10), 10, 2), "one epoch is not two");
        assertEquals(Optional.empty(), StuckRule.check(curve(0.10, 0.10, 0.10), 10, 0), "0 turns it off");
        assertEquals(Optional.empty(), StuckRule.check(curve(0.10, Double.NaN), 10, 2), "NaN is not chance");
    }
}

package io.sparktune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** The rate at each step, for 10 epochs of 100 steps. */
class LearningRateScheduleTest {
    private static double at(LrSchedule kind, int warmup, int step) {
        return new LearningRateSchedule(kind, 0.1, 100, warmup, 10).valueAt(step, 0);
    }

    @Test
    void warmUpRisesLinearlyThenTheScheduleStarts() {
        assertEquals(0.1 / 200, at(LrSchedule.CONSTANT, 2, 0), 1e-12);
        assertEquals(0.05, at(LrSchedule.CONSTANT, 2, 99), 1e-12);
        assertEquals(0.1, at(LrSchedule.CONSTANT, 2, 199), 1e-12);
        assertEquals(0.1, at(LrSchedule.COSINE, 2, 200), 1e-12, "the cosine starts at the full rate");
    }

    @Test
    void cosineFallsToZeroAcrossTheWholeSchedule() {
        assertEquals(0.1, at(LrSchedule.COSINE, 0, 0), 1e-12);
        assertEquals(0.05, at(LrSchedule.COSINE, 0, 500), 1e-12, "half way, half the rate");
        assertEquals(0.0, at(LrSchedule.COSINE, 0, 1000), 1e-12);
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 999 / 1000)), at(LrSchedule.COSINE, 0, 999), 1e-15);
    }

    @Test
    void stepCutsTenfoldAtHalfAndThreeQuartersOfTheEpochs() {
        assertEquals(0.1, at(LrSchedule.STEP, 0, 499), 1e-12);
        assertEquals(0.01, at(LrSchedule.STEP, 0, 500), 1e-12);
        assertEquals(0.01, at(LrSchedule.STEP, 0, 699), 1e-12);
        assertEquals(0.001, at(LrSchedule.STEP, 0, 700), 1e-12, "epoch 8 of 10 starts at 3/4");
    }

    @Test
    void itIsSavedInTheNetworksJsonAsDl4jReadsIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        LearningRateSchedule schedule = new LearningRateSchedule(LrSchedule.STEP, 0.1, 100, 1, 10);
        ISchedule back = json.readValue(json.writerFor(ISchedule.class).writeValueAsString(schedule), ISchedule.class);
        assertEquals(schedule, back);
    }
}

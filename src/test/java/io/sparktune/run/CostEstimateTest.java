package io.sparktune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CostEstimateTest {
    @Test
    void aTrialOnTwoThreadsTakesItsCoreSecondsOverTwoOfWallTime() {
        // cifar10-strong, 7 epochs of 8,000 images on 2 threads: 13 TFLOP at a pace of 25 GFLOP/s per core,
        // measured by an earlier search on 2 threads, is 520 core-seconds and 260 s of wall time (the run
        // took 225 s), where counting the threads twice had printed 17 minutes.
        CostEstimate estimate = CostEstimate.of(13e12, 25e9, 2, 1);
        assertEquals(520, estimate.coreSeconds(), 1e-9);
        assertEquals(260, estimate.wallSeconds(), 1e-9);
    }

    @Test
    void trialsSideBySideShareTheCoreSeconds() {
        CostEstimate estimate = CostEstimate.of(8e12, 10e9, 1, 4);
        assertEquals(800, estimate.coreSeconds(), 1e-9);
        assertEquals(200, estimate.wallSeconds(), 1e-9);
    }
}

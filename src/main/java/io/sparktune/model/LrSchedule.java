package io.sparktune.model;

import io.sparktune.input.SpecName;

/**
 * How the learning rate moves over a trial's epochs: held, annealed to zero along a half cosine
 * (Loshchilov and Hutter, SGDR), or cut tenfold at half and again at three quarters of the epochs.
 */
public enum LrSchedule implements SpecName {
    CONSTANT, COSINE, STEP;

    /**
     * The factor on the base rate after {@code progress} of the schedule (0 at its first step, 1 at its
     * end), where {@code epoch} of {@code epochs} is the 0-based epoch the step falls in.
     */
    double factor(double progress, int epoch, int epochs) {
        return switch (this) {
            case CONSTANT -> 1;
            case COSINE -> 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
            case STEP -> epoch >= epochs * 3 / 4 ? 0.01 : epoch >= epochs / 2 ? 0.1 : 1;
        };
    }
}

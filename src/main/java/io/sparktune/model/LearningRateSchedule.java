package io.sparktune.model;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The learning rate at each training step of a trial: a linear warm-up over {@code warmupEpochs}, then the
 * {@link LrSchedule} over the rest of {@code epochs}. DL4J asks for it by iteration, which the network
 * counts itself and keeps in its checkpoints, so a trial continued from a checkpoint resumes the schedule
 * exactly where it stopped. {@code epochs} is the schedule's length, not the epochs of one task: successive
 * halving trains a trial rung by rung towards its last rung's epochs, and the schedule spans all of them.
 */
public final class LearningRateSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private final LrSchedule schedule;
    @JsonProperty
    private final double base;
    @JsonProperty
    private final int stepsPerEpoch;
    @JsonProperty
    private final int warmupEpochs;
    @JsonProperty
    private final int epochs;

    @JsonCreator
    public LearningRateSchedule(@JsonProperty("schedule") LrSchedule schedule, @JsonProperty("base") double base,
                                @JsonProperty("stepsPerEpoch") int stepsPerEpoch,
                                @JsonProperty("warmupEpochs") int warmupEpochs, @JsonProperty("epochs") int epochs) {
        this.schedule = schedule;
        this.base = base;
        this.stepsPerEpoch = Math.max(1, stepsPerEpoch);
        this.warmupEpochs = warmupEpochs;
        this.epochs = Math.max(1, epochs);
    }

    /** {@code iteration} counts training steps from 0 over the whole trial; DL4J's epoch count is unused. */
    @Override
    public double valueAt(int iteration, int epoch) {
        long warmupSteps = (long) warmupEpochs * stepsPerEpoch;
        if (iteration < warmupSteps) {
            return base * (iteration + 1) / warmupSteps;
        }
        long totalSteps = (long) epochs * stepsPerEpoch;
        double progress = (double) (iteration - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return base * schedule.factor(progress, iteration / stepsPerEpoch, epochs);
    }

    @Override
    public ISchedule clone() {
        return new LearningRateSchedule(schedule, base, stepsPerEpoch, warmupEpochs, epochs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearningRateSchedule s && s.schedule == schedule && s.base == base
                && s.stepsPerEpoch == stepsPerEpoch && s.warmupEpochs == warmupEpochs && s.epochs == epochs;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(schedule, base, stepsPerEpoch, warmupEpochs, epochs);
    }

    @Override
    public String toString() {
        return schedule.specName() + " from " + base + " over " + epochs + " epochs of " + stepsPerEpoch + " steps, "
                + warmupEpochs + " of warm-up";
    }
}

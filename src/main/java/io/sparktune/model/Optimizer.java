package io.sparktune.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sparktune.input.SpecName;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/** Gradient updaters a user may search over; each takes the trial's learning rate. */
public enum Optimizer implements SpecName {
    ADAM("adam"),
    SGD("sgd"),
    NESTEROVS("nesterovs"),
    RMSPROP("rmsprop");

    private final String specName;

    Optimizer(String specName) {
        this.specName = specName;
    }

    @JsonValue
    @Override
    public String specName() {
        return specName;
    }

    /** The updater at a constant rate; {@code momentum} is nesterovs's, which the others ignore. */
    public IUpdater updater(double learningRate, double momentum) {
        return switch (this) {
            case ADAM -> new Adam(learningRate);
            case SGD -> new Sgd(learningRate);
            case NESTEROVS -> new Nesterovs(learningRate, momentum);
            case RMSPROP -> new RmsProp(learningRate);
        };
    }

    /** The updater with a learning rate that changes step by step. */
    public IUpdater updater(ISchedule learningRate, double momentum) {
        return switch (this) {
            case ADAM -> new Adam(learningRate);
            case SGD -> new Sgd(learningRate);
            case NESTEROVS -> new Nesterovs(learningRate, momentum);
            case RMSPROP -> new RmsProp(learningRate);
        };
    }

    @JsonCreator
    public static Optimizer fromSpec(String text) {
        return SpecName.parse(Optimizer.class, text, "optimizer");
    }

    public static String allowed() {
        return SpecName.allowed(Optimizer.class);
    }

    @Override
    public String toString() {
        return specName;
    }
}

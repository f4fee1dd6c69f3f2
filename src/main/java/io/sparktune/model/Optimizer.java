package io.sparktune.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** Gradient updaters a user may search over; each takes the trial's learning rate. */
public enum Optimizer {
    ADAM("adam"),
    SGD("sgd"),
    NESTEROVS("nesterovs"),
    RMSPROP("rmsprop");

    private final String specName;

    Optimizer(String specName) {
        this.specName = specName;
    }

    @JsonValue
    public String specName() {
        return specName;
    }

    public IUpdater updater(double learningRate) {
        return switch (this) {
            case ADAM -> new Adam(learningRate);
            case SGD -> new Sgd(learningRate);
            // 0.9 is the momentum every framework defaults to; searching it is not worth a dimension here.
            case NESTEROVS -> new Nesterovs(learningRate, 0.9);
            case RMSPROP -> new RmsProp(learningRate);
        };
    }

    @JsonCreator
    public static Optimizer fromSpec(String text) {
        String key = text.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        for (Optimizer o : values()) {
            if (o.specName.equals(key)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + text + "'; allowed: " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Optimizer::specName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return specName;
    }
}

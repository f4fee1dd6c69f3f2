package io.sparktune.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sparktune.input.SpecName;
import io.sparktune.trial.TrialConfig;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The order in which a wave of trials is handed to Spark, and so the order cores pick them up. */
public enum TrialOrder implements SpecName {
    /** Most expected work first (FLOPs per image x epochs), so the last trials to start are short ones. */
    LONGEST_FIRST("longest_first"),
    /** The strategy's order (trial id order for a grid). */
    AS_LISTED("as_listed");

    private final String specName;

    TrialOrder(String specName) {
        this.specName = specName;
    }

    /**
     * {@code wave} in the order free cores take it, {@code work} being a trial's expected work. A strategy
     * whose order is its preference ({@code strategyOrders}: TPE's proposals) keeps it, or the largest
     * network would run rather than the one the model chose. The real job and the simulator both ask here,
     * so the simulator starts what the real search starts.
     */
    public List<TrialConfig> arrange(List<TrialConfig> wave, boolean strategyOrders, ToDoubleFunction<TrialConfig> work) {
        if (this == AS_LISTED || strategyOrders) {
            return wave;
        }
        return wave.stream()
                .sorted(Comparator.comparingDouble((TrialConfig t) -> -work.applyAsDouble(t))
                        .thenComparingInt(TrialConfig::trialId))
                .toList();
    }

    @JsonValue
    @Override
    public String specName() {
        return specName;
    }

    @JsonCreator
    public static TrialOrder fromSpec(String text) {
        return SpecName.parse(TrialOrder.class, text, "trial order");
    }

    @Override
    public String toString() {
        return specName;
    }
}

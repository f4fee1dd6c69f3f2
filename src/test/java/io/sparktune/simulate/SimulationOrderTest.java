package io.sparktune.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparktune.data.Cifar10Reader;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkCost;
import io.sparktune.spec.TrialOrder;
import io.sparktune.strategy.SearchStrategy;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The simulator hands trials to free workers in the order the real job does: longest expected work first
 * where the strategy leaves the order free, the strategy's own order where it does not.
 */
class SimulationOrderTest {
    private static final List<Integer> FILTERS = List.of(8, 32, 16);
    private static final ToDoubleFunction<TrialConfig> FLOPS = t -> NetworkCost.trainingFlops(t.model(),
            Cifar10Reader.SHAPE, 10) * t.epochsToTrain();

    private static ModelConfig model(int filters) {
        return ModelConfig.REFERENCE.with(Hyperparameters.FILTERS, filters).with(Hyperparameters.EPOCHS, 1);
    }

    /** All three trials at once, in FILTERS' order; {@code ordered}: whether that order is the strategy's preference. */
    private static SearchStrategy strategy(boolean ordered) {
        List<TrialConfig> all = new ArrayList<>();
        for (int i = 0; i < FILTERS.size(); i++) {
            all.add(new TrialConfig(i + 1, model(FILTERS.get(i)), i));
        }
        return new SearchStrategy() {
            @Override
            public List<TrialConfig> nextTrials(List<TrialResult> finished, Set<Integer> running) {
                return all.stream().filter(t -> finished.stream().noneMatch(r -> r.trialId() == t.trialId())).toList();
            }

            @Override
            public boolean ordersItsTrials() {
                return ordered;
            }
        };
    }

    private static final RecordedCurves CURVES = new RecordedCurves(FILTERS.stream().map(f -> new TrialResult(f,
            model(f), 0, 0, TrialStatus.OK, null, List.of(new EpochResult(1, 1, 0.5, 1, 0.4, 0.4, 0.4, 0.4, f)),
            null, f, 0, 0, "h", null)).toList());

    /** The filters of the trials in the order one worker ran them. */
    private static List<Integer> ran(SearchStrategy strategy, TrialOrder order) {
        Simulation s = Simulation.run(strategy, CURVES, 1, Objective.VAL_ACCURACY, order, FLOPS);
        return s.results().stream().map(r -> r.model().get(Hyperparameters.FILTERS)).toList();
    }

    @Test
    void freeOrderRunsTheLongestFirstAsTheJobDoes() {
        assertEquals(List.of(32, 16, 8), ran(strategy(false), TrialOrder.LONGEST_FIRST));
        assertEquals(List.of(8, 32, 16), ran(strategy(false), TrialOrder.AS_LISTED));
    }

    @Test
    void aStrategysOwnOrderIsKept() {
        assertEquals(List.of(8, 32, 16), ran(strategy(true), TrialOrder.LONGEST_FIRST));
    }
}

package io.sparktune.spec;

import io.sparktune.data.DataSpec;
import io.sparktune.model.ModelConfig;
import io.sparktune.network.NetworkSource;
import io.sparktune.space.SearchSpace;
import io.sparktune.trial.Objective;

/**
 * A whole search as the user wrote it, validated: the data, the baseline model and where its
 * {@code network} comes from, the space and strategy
 * ({@code objective}: what it optimises; {@code warmStart}: earlier searches' folders whose trials inform
 * TPE; {@code randomTrials}: how many trials random search draws and TPE proposes, or halving's candidates;
 * {@code tpe}, how TPE does; {@code manual}, explicit configurations that run first; {@code baseline},
 * whether the defaults run as their own trial; the {@code budget}; {@code confirm}, which of the best are
 * trained again on new seeds), how to
 * run, and where results go. {@code source} is the spec's JSON after command-line overrides, kept so that
 * a run's output folder records exactly what produced it.
 */
public record SearchSpec(
        String name,
        DataSpec data,
        ModelConfig model,
        NetworkSource network,
        Strategy strategy,
        SearchSpace space,
        Integer randomTrials,
        Objective objective,
        java.util.List<ModelConfig> manual,
        boolean baseline,
        Budget budget,
        Halving halving,
        TpeSettings tpe,
        java.util.List<String> warmStart,
        ConfirmSpec confirm,
        ExecutionSpec execution,
        FinalCheckSpec finalCheck,
        String output,
        String source) {

    /** Whether TPE proposes the search's trials: strategy tpe, or halving with TPE candidates. */
    public boolean modelBased() {
        return modelBased(strategy, halving);
    }

    static boolean modelBased(Strategy strategy, Halving halving) {
        return strategy == Strategy.TPE || halving != null && halving.sampler() == CandidateSampler.TPE;
    }

    /** The strategy as the console names it: "halving with TPE candidates" when TPE proposes them. */
    public String strategyLabel() {
        return strategy + (strategy != Strategy.TPE && modelBased() ? " with TPE candidates" : "");
    }

    public SearchSpec withData(DataSpec newData) {
        return new SearchSpec(name, newData, model, network, strategy, space, randomTrials, objective, manual, baseline, budget,
                halving, tpe, warmStart, confirm, execution, finalCheck, output, source);
    }

    public SearchSpec withExecution(ExecutionSpec newExecution) {
        return new SearchSpec(name, data, model, network, strategy, space, randomTrials, objective, manual, baseline,
                budget, halving, tpe, warmStart, confirm, newExecution, finalCheck, output, source);
    }
}

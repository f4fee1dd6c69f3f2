package io.sparktune.bench;

import io.sparktune.data.DataCache;
import io.sparktune.run.SearchSetup;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.spec.TrialOrder;
import io.sparktune.trial.Dl4jRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A grid of trials with very unequal costs through the Spark job on all cores, handed to Spark in the
 * grid's order and longest-expected-first. Prints each run's wall time against the lower bound
 * max(sum of trial times / cores, longest trial). Run with jobs/bench-balance.sh.
 */
public final class BalanceBenchmark {
    public static void main(String[] args) {
        Dl4jRuntime.configure();
        Path specFile = Path.of(args.length > 0 ? args[0] : "conf/bench-balance.json");
        List<String> overrides = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        SearchSpec spec = new SpecReader().read(specFile, overrides);
        SearchSetup job = SearchSetup.of(spec);
        int cores = spec.execution().parallelTrials() * spec.execution().threadsPerTrial();
        System.out.printf(Locale.ROOT, "bench-balance: %d trials of %s on %d cores%n", job.firstWave().size(),
                specFile, cores);
        DataCache.training(job.spec().data(), spec.execution().seed());
        for (TrialOrder order : List.of(TrialOrder.AS_LISTED, TrialOrder.LONGEST_FIRST)) {
            SparkRun run = SparkRun.of(spec, spec.execution().withTrialOrder(order));
            System.out.printf(Locale.ROOT, "%-14s wall %6.1f s, sum of trials %6.1f s, longest %5.1f s, "
                            + "bound %6.1f s, wall/bound %.3f%n", order, run.seconds(), run.sumOfTrialSeconds(),
                    run.longestTrialSeconds(), run.lowerBound(cores), run.seconds() / run.lowerBound(cores));
        }
        System.out.println("target: longest_first within 10% of the bound (wall/bound <= 1.10)");
    }
}

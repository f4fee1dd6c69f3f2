package io.sparktune.bench;

import io.sparktune.data.DataCache;
import io.sparktune.data.TrainingData;
import io.sparktune.run.SearchSetup;
import io.sparktune.spec.ExecutionSpec;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.trial.Dl4jRuntime;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialRunner;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The same trials, in one JVM and one run: a plain loop on one thread; the Spark job in local[1] (what
 * Spark adds); the Spark job in local[2] with 2 trials x 1 thread (the speedup); and with 1 trial x 2
 * threads (which use of 2 cores gives more trials per hour). The data is loaded once and shared.
 * Run with jobs/bench-parallel.sh.
 */
public final class ParallelBenchmark {
    public static void main(String[] args) {
        Dl4jRuntime.configure();
        Path specFile = Path.of(args.length > 0 ? args[0] : "conf/bench-parallel.json");
        List<String> overrides = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        SearchSpec spec = new SpecReader().read(specFile, overrides);
        SearchSetup job = SearchSetup.of(spec);
        List<TrialConfig> trials = job.firstWave();
        System.out.printf(Locale.ROOT, "bench-parallel: %d trials of %s, %d processors%n", trials.size(), specFile,
                Runtime.getRuntime().availableProcessors());

        long loadStart = System.nanoTime();
        TrainingData data = DataCache.training(job.spec().data(), spec.execution().seed());
        System.out.printf(Locale.ROOT, "data: %d training, %d validation images, loaded once in %.1f s%n",
                data.train().size(), data.validation().size(), (System.nanoTime() - loadStart) / 1e9);

        Dl4jRuntime.limitThreads(1);
        long loopStart = System.nanoTime();
        List<TrialResult> loop = trials.stream().map(t -> new TrialRunner().run(t, data)).toList();
        double loopSeconds = (System.nanoTime() - loopStart) / 1e9;
        double meanTrial = loop.stream().mapToDouble(TrialResult::trainSeconds).average().orElse(0);
        System.out.printf(Locale.ROOT, "%-48s %7.1f s  (mean trial %.1f s)%n", "plain loop, 1 thread, one trial at a time",
                loopSeconds, meanTrial);

        ExecutionSpec base = spec.execution();
        SparkRun one = SparkRun.of(spec, base.withParallelism(1, 1));
        print("Spark local[1], 1 trial x 1 thread", one);
        SparkRun sideBySide = SparkRun.of(spec, base.withParallelism(2, 1));
        print("Spark local[2], 2 trials x 1 thread", sideBySide);
        SparkRun wide = SparkRun.of(spec, base.withParallelism(1, 2));
        print("Spark local[2], 1 trial x 2 threads", wide);

        System.out.printf(Locale.ROOT, "%nSpark overhead, local[1] / plain loop:              %.3f (target < 1.05)%n",
                one.seconds() / loopSeconds);
        System.out.printf(Locale.ROOT, "speedup on 2 cores, plain loop / 2 trials x 1 thread: %.2fx (target >= 1.8x)%n",
                loopSeconds / sideBySide.seconds());
        System.out.printf(Locale.ROOT, "2 trials x 1 thread against 1 trial x 2 threads:     %.0f vs %.0f trials/hour%n",
                trials.size() * 3600 / sideBySide.seconds(), trials.size() * 3600 / wide.seconds());
        System.out.printf(Locale.ROOT, "2 trials x 1 thread against its lower bound max(sum/2, longest) %.1f s: %.3f%n",
                sideBySide.lowerBound(2), sideBySide.seconds() / sideBySide.lowerBound(2));
        System.out.println("same best validation accuracies in every run: "
                + (accuracies(loop).equals(accuracies(one.results()))
                        && accuracies(loop).equals(accuracies(sideBySide.results()))));
    }

    private static void print(String label, SparkRun run) {
        System.out.printf(Locale.ROOT, "%-48s %7.1f s   timeline (s from the job's start): %s%n", label,
                run.seconds(), run.timeline());
    }

    private static Map<Integer, Double> accuracies(List<TrialResult> results) {
        return results.stream().sorted(Comparator.comparingInt(TrialResult::trialId))
                .collect(Collectors.toMap(TrialResult::trialId, TrialResult::bestValAccuracy));
    }
}

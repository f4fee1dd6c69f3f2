package io.sparktune.bench;

import io.sparktune.data.DataCache;
import io.sparktune.data.TrainingData;
import io.sparktune.spark.SearchJob;
import io.sparktune.spark.SparkSessions;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.trial.Dl4jRuntime;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The same trials run one after another in a plain loop on one thread, and through the Spark job in
 * local[N] with one thread per trial, in one JVM and one run. Prints both wall times and the speedup.
 * Run with jobs/bench-parallel.sh.
 */
public final class ParallelBenchmark {
    public static void main(String[] args) {
        Dl4jRuntime.configure();
        Path specFile = Path.of(args.length > 0 ? args[0] : "conf/bench-parallel.json");
        List<String> overrides = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        SearchSpec spec = new SpecReader().read(specFile, overrides);
        SearchJob job = new SearchJob(spec);
        List<TrialConfig> trials = job.plannedTrials();
        int cores = spec.execution().parallelTrials();
        System.out.printf(Locale.ROOT, "bench-parallel: %d trials of %s, %d processors%n", trials.size(),
                specFile, Runtime.getRuntime().availableProcessors());

        long loadStart = System.nanoTime();
        TrainingData data = DataCache.training(job.spec().data(), spec.execution().seed());
        System.out.printf(Locale.ROOT, "data: %d training, %d validation images, loaded once in %.1f s "
                + "(shared by both runs below)%n", data.train().size(), data.validation().size(), secs(loadStart));

        Dl4jRuntime.limitThreads(1);
        long sequentialStart = System.nanoTime();
        List<TrialResult> sequential = new ArrayList<>();
        for (TrialConfig trial : trials) {
            sequential.add(new TrialRunner().run(trial, data));
        }
        double sequentialSeconds = secs(sequentialStart);
        System.out.printf(Locale.ROOT, "sequential, plain loop, 1 thread:        %7.1f s%n", sequentialSeconds);

        SparkSession spark = SparkSessions.forSearch(spec.execution(), "bench-parallel");
        List<TrialResult> parallel;
        double parallelSeconds;
        try {
            long parallelStart = System.nanoTime();
            parallel = job.run(spark);
            parallelSeconds = secs(parallelStart);
        } finally {
            spark.stop();
        }
        System.out.printf(Locale.ROOT, "Spark %s, %d trials at a time, 1 thread: %7.1f s%n",
                spec.execution().localMaster(), cores, parallelSeconds);
        System.out.printf(Locale.ROOT, "speedup: %.2fx on %d cores (target >= 1.8x on 2 cores)%n",
                sequentialSeconds / parallelSeconds, cores);

        double longest = sequential.stream().mapToDouble(TrialResult::trainSeconds).max().orElse(0);
        System.out.printf(Locale.ROOT, "lower bound for the Spark run, max(sum/cores, longest trial): %.1f s%n",
                Math.max(sequentialSeconds / cores, longest));
        parallel.sort(Comparator.comparingInt(TrialResult::trialId));
        boolean same = true;
        for (int i = 0; i < trials.size(); i++) {
            same &= sequential.get(i).bestValAccuracy() == parallel.get(i).bestValAccuracy();
        }
        System.out.println("same best validation accuracies both ways: " + same);
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}

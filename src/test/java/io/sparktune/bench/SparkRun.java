package io.sparktune.bench;

import io.sparktune.run.SearchSetup;
import io.sparktune.spark.SearchJob;
import io.sparktune.spark.SparkSessions;
import io.sparktune.spec.ExecutionSpec;
import io.sparktune.spec.SearchSpec;
import io.sparktune.trial.TrialResult;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** One timed run of the real Spark job with given execution settings, in a Spark session of its own. */
record SparkRun(ExecutionSpec execution, List<TrialResult> results, double seconds, long startedAt, int tasks,
                double taskSeconds) {

    static SparkRun of(SearchSpec spec, ExecutionSpec execution) {
        SearchSpec adjusted = spec.withExecution(execution);
        SearchSetup setup = SearchSetup.of(adjusted);
        SparkSession spark = SparkSessions.forSearch(execution, "bench");
        try {
            long start = System.nanoTime();
            long startedAt = System.currentTimeMillis();
            // A journal in a throw-away folder: the benchmark measures the job, not what it leaves behind.
            java.nio.file.Path scratch = java.nio.file.Files.createTempDirectory("sparktune-bench");
            SearchJob.Outcome outcome = setup.job().run(spark,
                    new io.sparktune.results.TrialJournal(scratch.toString()), List.of(), setup.plannedWork(setup.firstWave(), List.of()),
                    io.sparktune.spark.SearchProgress.SILENT);
            return new SparkRun(execution, outcome.results(), (System.nanoTime() - start) / 1e9, startedAt,
                    outcome.tasks(), outcome.taskSeconds());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            spark.stop();
        }
    }

    /** Each trial as [start-end] in seconds from the job's start, in start order. */
    String timeline() {
        return results.stream().sorted(java.util.Comparator.comparingLong(TrialResult::startedAt))
                .map(r -> String.format(java.util.Locale.ROOT, "t%d [%.1f-%.1f]", r.trialId(),
                        (r.startedAt() - startedAt) / 1e3, (r.finishedAt() - startedAt) / 1e3))
                .collect(java.util.stream.Collectors.joining(" "));
    }

    double sumOfTrialSeconds() {
        return results.stream().mapToDouble(TrialResult::trainSeconds).sum();
    }

    double longestTrialSeconds() {
        return results.stream().mapToDouble(TrialResult::trainSeconds).max().orElse(0);
    }

    /** No schedule on this many cores can finish sooner than this. */
    double lowerBound(int cores) {
        return Math.max(sumOfTrialSeconds() / cores, longestTrialSeconds());
    }
}

package io.sparktune.bench;

import io.sparktune.spark.SearchJob;
import io.sparktune.spark.SparkSessions;
import io.sparktune.spec.ExecutionSpec;
import io.sparktune.spec.SearchSpec;
import io.sparktune.trial.TrialResult;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** One timed run of the real Spark job with given execution settings, in a Spark session of its own. */
record SparkRun(ExecutionSpec execution, List<TrialResult> results, double seconds) {

    static SparkRun of(SearchSpec spec, ExecutionSpec execution) {
        SearchSpec adjusted = spec.withExecution(execution);
        SearchJob job = new SearchJob(adjusted);
        SparkSession spark = SparkSessions.forSearch(execution, "bench");
        try {
            long start = System.nanoTime();
            List<TrialResult> results = job.run(spark);
            return new SparkRun(execution, results, (System.nanoTime() - start) / 1e9);
        } finally {
            spark.stop();
        }
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

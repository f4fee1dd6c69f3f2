package io.sparktune.cli;

import io.sparktune.results.ResultStore;
import io.sparktune.spark.SearchJob;
import io.sparktune.spark.SparkSessions;
import io.sparktune.spec.SearchSpec;
import io.sparktune.trial.TrialResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Check a search's best configuration against the baseline on the unseen test set:",
            "both are retrained on all the search's images, scored once on the test set, and saved."})
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    OutputFolder output;

    @Mixin
    Console console;

    @Override
    public Integer call() {
        PrintWriter out = console.start();
        try (ResultStore store = new ResultStore(output.path)) {
            SearchSpec spec = store.searchSpec();
            SearchJob job = new SearchJob(spec);
            List<TrialResult> results = store.open(job.spec());
            SparkSession spark = SparkSessions.forSearch(spec.execution(), spec.name() + " evaluate");
            try {
                FinalCheck.run(out, spark, job.spec(), results, store);
                ReportCommand.write(out, spark, job.spec(), store);
                return 0;
            } finally {
                spark.stop();
            }
        }
    }
}

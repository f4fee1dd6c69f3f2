package io.sparktune.cli;

import io.sparktune.confirm.Confirmations;
import io.sparktune.results.OutputFolder;
import io.sparktune.run.FinalCheck;
import io.sparktune.run.Report;
import io.sparktune.run.SearchSetup;
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
    OutputOption output;

    @Mixin
    Console console;

    @Override
    public Integer call() {
        PrintWriter out = console.start();
        try (OutputFolder folder = new OutputFolder(output.path)) {
            SearchSpec spec = folder.searchSpec();
            SearchSetup setup = SearchSetup.of(spec);
            List<TrialResult> results = folder.open(setup.spec(), setup.dataFingerprint());
            SparkSession spark = SparkSessions.forSearch(spec.execution(), spec.name() + " evaluate");
            try {
                Confirmations confirmed = Confirmations.of(setup.spec(), results, folder.confirmJournal().readAll());
                FinalCheck.run(out, spark, setup.spec(), setup.plan(), results, confirmed, folder);
                Report.write(out, setup.spec(), folder, results, setup.plan().baselineId(), setup.warmStart(), confirmed);
                return 0;
            } finally {
                spark.stop();
            }
        }
    }
}

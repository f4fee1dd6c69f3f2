package io.sparktune.run;

import io.sparktune.results.OutputFolder;
import io.sparktune.results.Ranking;
import io.sparktune.results.ResultTables;
import io.sparktune.spark.SearchJob;
import io.sparktune.spark.SparkSessions;
import io.sparktune.spec.SearchSpec;
import io.sparktune.strategy.SearchPlan;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * A whole search, from a read spec to the report: plan it and check the data (before Spark starts, so a bad
 * spec or file costs no start-up), claim the output folder, run the trials on Spark, write the tables, rank,
 * check the best on the test set, write the report, and say all of it on the console.
 */
public final class SearchRun {
    private final PrintWriter out;

    public SearchRun(PrintWriter out) {
        this.out = out;
    }

    /** {@code evaluate}: run the final check on the test set after the search. */
    public void run(SearchSpec spec, boolean evaluate) {
        SearchJob job = new SearchJob(spec);
        SearchPlan plan = job.plan();
        try (OutputFolder folder = new OutputFolder(spec.output())) {
            List<TrialResult> earlier = folder.open(job.spec());
            folder.writeDataSummary(job.data());
            List<TrialConfig> planned = job.firstWave(earlier);
            out.printf(Locale.ROOT, "sparktune: %s search '%s': %d trials to run, data %s%n", spec.strategy(),
                    spec.name(), planned.size(), job.spec().data().path());
            plan.warnings().forEach(w -> out.println("sparktune: warning: " + w));
            Integer limit = spec.data().maxTrainImages();
            out.printf(Locale.ROOT, "sparktune: %d images of %s in %d classes (%s)%s%n", job.data().images(),
                    job.data().shape(), job.data().classes().size(), String.join(", ", job.data().classes()),
                    limit != null && limit < job.data().images() ? ", " + limit + " of them used (max_train_images)"
                            : "");
            job.data().warnings().forEach(w -> out.println("sparktune: warning: " + w));
            if (!job.data().skipped().isEmpty()) {
                out.printf(Locale.ROOT, "sparktune: %d unreadable images skipped (listed in %s), e.g. %s%n",
                        job.data().skipped().size(), OutputFolder.DATA_FILE, job.data().skipped().get(0));
            }
            for (String reason : job.unbuildable(planned)) {
                out.println("sparktune: note: " + reason + "; it will be recorded as failed");
            }
            if (!earlier.isEmpty()) {
                out.printf(Locale.ROOT, "sparktune: resuming in %s: %d trials already finished are kept%n",
                        folder.path(), earlier.size());
            }
            SparkSession spark = SparkSessions.forSearch(spec.execution(), spec.name());
            try {
                out.printf(Locale.ROOT, "sparktune: Spark master %s, %s thread(s) per trial%n",
                        spark.sparkContext().master(), spark.conf().get("spark.task.cpus"));
                long start = System.nanoTime();
                SearchJob.Outcome outcome = job.run(spark, folder.journal(), earlier,
                        new ProgressPrinter(out, spec.space().parameters()));
                List<TrialResult> all = folder.journal().readAll();
                folder.tables().writeTrials(spark, all, plan.baselineId());
                folder.writeRunSummary(outcome.stopReason(), all.size(), outcome.notStarted());
                out.printf(Locale.ROOT, "%nsparktune: stopped: %s%s%n", outcome.stopReason(), outcome.notStarted() == 0
                        ? "" : "; " + outcome.notStarted() + " trials not started (rerun to run them)");
                out.println("sparktune: " + ProgressPrinter.summary(all, (System.nanoTime() - start) / 1e9));
                folder.tables().registerViews(spark);
                out.printf(Locale.ROOT, "%nRanking by best validation accuracy (%d trials, %.0f s):%n", all.size(),
                        (System.nanoTime() - start) / 1e9);
                out.print(Ranking.format(spark, spec.space().parameters()));
                if (evaluate) {
                    FinalCheck.afterSearch(out, spark, job.spec(), plan, all, folder);
                }
                out.println();
                Report.write(out, spark, job.spec(), folder);
                out.printf(Locale.ROOT, "%nTables in %s (Parquet): %s%nQuery:  sparktune query -o %s "
                                + "\"SELECT * FROM trials ORDER BY best_val_accuracy DESC\"%n",
                        folder.path(), String.join(", ", ResultTables.NAMES), spec.output());
            } finally {
                spark.stop();
            }
        }
    }
}

package io.sparktune.cli;

import io.sparktune.results.Ranking;
import io.sparktune.results.ResultStore;
import io.sparktune.spark.SearchJob;
import io.sparktune.spark.SparkSessions;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.strategy.Strategies;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Run the search a spec describes, write its result tables and print the ranking.",
            "Rerun it on the same output folder to resume: finished trials are kept, not retrained."})
final class SearchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "Search spec (JSON), e.g. conf/quick.json.")
    Path specFile;

    @Option(names = "--data", paramLabel = "FOLDER",
            description = "Data folder (local path or Hadoop URI); overrides data.path.")
    String data;

    @Option(names = {"-o", "--output"}, paramLabel = "FOLDER", description = "Output folder; overrides output.")
    String output;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for a local run, e.g. local[2]; overrides execution.master.")
    String master;

    @Option(names = "--set", paramLabel = "FIELD=VALUE",
            description = "Override any spec field, e.g. --set model.epochs=2 --set search.space.filters=[16,32].")
    List<String> sets = new ArrayList<>();

    @Option(names = "--no-evaluate", description = "Skip the final check of the best and the baseline on the"
            + " test set (run it later with the evaluate command).")
    boolean noEvaluate;

    @Mixin
    Console console;

    @Override
    public Integer call() {
        PrintWriter out = console.start();
        SearchSpec spec = new SpecReader().read(specFile, overrides());
        SearchJob job = new SearchJob(spec);
        try (ResultStore store = new ResultStore(spec.output())) {
            List<TrialResult> earlier = store.open(job.spec());
            store.writeDataSummary(job.data());
            List<TrialConfig> planned = job.firstWave(earlier);
            out.printf(Locale.ROOT, "sparktune: %s search '%s': %d trials to run, data %s%n", spec.strategy(),
                    spec.name(), planned.size(), job.spec().data().path());
            Integer limit = spec.data().maxTrainImages();
            out.printf(Locale.ROOT, "sparktune: %d images of %s in %d classes (%s)%s%n", job.data().images(),
                    job.data().shape(), job.data().classes().size(), String.join(", ", job.data().classes()),
                    limit != null && limit < job.data().images() ? ", " + limit + " of them used (max_train_images)"
                            : "");
            job.data().warnings().forEach(w -> out.println("sparktune: warning: " + w));
            if (!job.data().skipped().isEmpty()) {
                out.printf(Locale.ROOT, "sparktune: %d unreadable images skipped (listed in %s), e.g. %s%n",
                        job.data().skipped().size(), ResultStore.DATA_FILE, job.data().skipped().get(0));
            }
            for (String reason : job.unbuildable(planned)) {
                out.println("sparktune: note: " + reason + "; it will be recorded as failed");
            }
            if (!earlier.isEmpty()) {
                out.printf(Locale.ROOT, "sparktune: resuming in %s: %d trials already finished are kept%n",
                        store.folder(), earlier.size());
            }
            SparkSession spark = SparkSessions.forSearch(spec.execution(), spec.name());
            try {
                out.printf(Locale.ROOT, "sparktune: Spark master %s, %s thread(s) per trial%n",
                        spark.sparkContext().master(), spark.conf().get("spark.task.cpus"));
                long start = System.nanoTime();
                SearchJob.Outcome outcome = job.run(spark, store.journal(), earlier,
                        new ProgressPrinter(out, spec.space().parameters()));
                List<TrialResult> all = store.writeTables(spark, Strategies.baselineTrial(job.spec()));
                store.writeRunSummary(outcome.stopReason(), all.size(), outcome.notStarted());
                out.printf(Locale.ROOT, "%nsparktune: stopped: %s%s%n", outcome.stopReason(), outcome.notStarted() == 0
                        ? "" : "; " + outcome.notStarted() + " trials not started (rerun to run them)");
                out.println("sparktune: " + ProgressPrinter.summary(all, (System.nanoTime() - start) / 1e9));
                store.registerViews(spark);
                out.printf(Locale.ROOT, "%nRanking by best validation accuracy (%d trials, %.0f s):%n", all.size(),
                        (System.nanoTime() - start) / 1e9);
                out.print(Ranking.format(spark, spec.space().parameters()));
                if (!noEvaluate) {
                    FinalCheck.afterSearch(out, spark, job.spec(), all, store);
                }
                out.println();
                ReportCommand.write(out, spark, job.spec(), store);
                out.printf(Locale.ROOT, "%nTables in %s (Parquet): %s%nQuery:  sparktune query -o %s "
                                + "\"SELECT * FROM trials ORDER BY best_val_accuracy DESC\"%n",
                        store.folder(), String.join(", ", ResultStore.TABLES), spec.output());
                return 0;
            } finally {
                spark.stop();
            }
        }
    }

    private List<String> overrides() {
        List<String> all = new ArrayList<>(sets);
        if (data != null) {
            all.add("data.path=" + data);
        }
        if (output != null) {
            all.add("output=" + output);
        }
        if (master != null) {
            all.add("execution.master=" + master);
        }
        return all;
    }
}

package io.sparktune.cli;

import io.sparktune.report.HtmlReport;
import io.sparktune.results.ResultStore;
import io.sparktune.spark.SparkSessions;
import io.sparktune.spec.SearchSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write <output>/report.html: one self-contained page (it opens offline) with the ranking,",
            "the optimization history, each hyperparameter against validation accuracy, parallel coordinates,",
            "hyperparameter importance, learning curves of the best trials and the baseline, and the final",
            "check on the test set. search writes it at the end of every search; this rewrites it."})
final class ReportCommand implements Callable<Integer> {
    @Mixin
    OutputFolder output;

    @Mixin
    Console console;

    @Override
    public Integer call() {
        PrintWriter out = console.start();
        ResultStore store = new ResultStore(output.path);
        SearchSpec spec = store.searchSpec();
        SparkSession spark = SparkSessions.forQuery();
        try {
            write(out, spark, spec, store);
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** Writes the report from the store's tables and says where it is. */
    static void write(PrintWriter out, SparkSession spark, SearchSpec spec, ResultStore store) {
        String path = new HtmlReport().write(spark, spec, store.registerViews(spark), store.folder());
        out.println("Report: " + path);
        out.flush();
    }
}

package io.sparktune.cli;

import io.sparktune.input.UserInputException;
import io.sparktune.results.ResultTables;
import io.sparktune.results.TextTable;
import io.sparktune.spark.SparkSessions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run a Spark SQL statement against a search's tables. Views: trials, epochs, class_metrics,"
                + " confusion, and after the final check final, final_class_metrics, final_confusion.")
final class QueryCommand implements Callable<Integer> {
    @Mixin
    OutputOption output;

    @Parameters(index = "0", paramLabel = "SQL",
            description = "e.g. \"SELECT activation, avg(best_val_accuracy) FROM trials GROUP BY activation\"")
    String sql;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "Rows to print at most (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    Console console;

    @Override
    public Integer call() {
        PrintWriter out = console.start();
        ResultTables tables = new ResultTables(output.path);
        SparkSession spark = SparkSessions.forQuery();
        try {
            tables.registerViews(spark);
            out.print(TextTable.of(spark.sql(sql), limit));
            return 0;
        } catch (Exception e) {
            // Scala does not declare AnalysisException, so Java sees it only as a caught Exception.
            if (e instanceof AnalysisException) {
                throw new UserInputException("the query is not valid Spark SQL for the tables trials and epochs: "
                        + e.getMessage().lines().findFirst().orElse(""), e);
            }
            throw e;
        } finally {
            spark.stop();
        }
    }
}

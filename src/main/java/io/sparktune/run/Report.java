package io.sparktune.run;

import io.sparktune.report.HtmlReport;
import io.sparktune.results.OutputFolder;
import io.sparktune.spec.SearchSpec;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;

/** The HTML report, written from an output folder's tables at the end of a search, an evaluation, or on demand. */
public final class Report {
    private Report() {
    }

    /** Writes the report and says where it is. */
    public static void write(PrintWriter out, SparkSession spark, SearchSpec spec, OutputFolder folder) {
        String path = new HtmlReport().write(spark, spec, folder.tables().registerViews(spark), folder.path());
        out.println("Report: " + path);
        out.flush();
    }
}

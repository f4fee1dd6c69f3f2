package io.sparktune.run;

import io.sparktune.input.UserInputException;
import io.sparktune.report.AnytimeCurve;
import io.sparktune.report.HtmlReport;
import io.sparktune.report.ReportData;
import io.sparktune.results.ResultTables;
import io.sparktune.results.TableRows;
import io.sparktune.results.WarmStart;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;
import io.sparktune.results.OutputFolder;
import io.sparktune.spec.SearchSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTML report, written from an output folder's journal and tables at the end of a search, an
 * evaluation, or on demand.
 */
public final class Report {
    private Report() {
    }

    /** Writes the report and says where it is. */
    public static void write(PrintWriter out, SearchSpec spec, OutputFolder folder) {
        write(out, spec, folder, List.of());
    }

    /**
     * Writes the report with the anytime curves of the searches in {@code others} drawn beside this one's;
     * a folder that holds no search, or one with another objective, is refused.
     */
    public static void write(PrintWriter out, SearchSpec spec, OutputFolder folder, List<String> others) {
        List<AnytimeCurve> curves = new ArrayList<>();
        if (!others.isEmpty()) {
            curves.add(curve(spec, folder));
            for (String other : others) {
                OutputFolder o = new OutputFolder(other);
                SearchSpec s = o.searchSpec();
                if (s.objective() != spec.objective()) {
                    throw new UserInputException("cannot compare " + o.path() + ": it optimised " + s.objective()
                            + ", this search " + spec.objective());
                }
                curves.add(curve(s, o));
            }
        }
        ResultTables tables = folder.tables();
        TableRows trials = tables.read("trials").orElseThrow(() -> new UserInputException("output folder "
                + folder.path() + " holds no result tables; run a search into it first"));
        OptionalInt baselineId = trials.rows().stream().filter(r -> Boolean.TRUE.equals(trials.get(r, "is_baseline")))
                .mapToInt(r -> ((Number) trials.get(r, "trial_id")).intValue()).findFirst();
        ObjectNode data = ReportData.finished(spec, folder.journal().readAll(), baselineId,
                spec.warmStart().isEmpty() ? List.of() : WarmStart.load(spec), tables.read("final").orElse(null),
                tables.read("final_confusion").orElse(null));
        String path = new HtmlReport().write(spec, data, folder.path(), curves);
        out.println("Report: " + path);
        out.flush();
    }

    private static AnytimeCurve curve(SearchSpec spec, OutputFolder folder) {
        return AnytimeCurve.of(spec.name(), folder.path(), folder.journal().readAll(), spec.objective(),
                spec.execution().threadsPerTrial());
    }
}

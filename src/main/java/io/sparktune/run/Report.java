package io.sparktune.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.confirm.Confirmations;
import io.sparktune.input.UserInputException;
import io.sparktune.report.AnytimeCurve;
import io.sparktune.report.HtmlReport;
import io.sparktune.report.ReportData;
import io.sparktune.results.OutputFolder;
import io.sparktune.results.ResultTables;
import io.sparktune.results.TableRows;
import io.sparktune.results.WarmStart;
import io.sparktune.spec.SearchSpec;
import io.sparktune.trial.TrialResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The HTML report, written at the end of a search or an evaluation from the results the driver holds and
 * the folder's final-check tables, or on demand from the output folder alone.
 */
public final class Report {
    private Report() {
    }

    /**
     * Writes the report of a search whose results the caller holds, and says where it is. {@code earlier}:
     * the searches whose trials informed TPE (search.warm_start), as the job loaded them.
     */
    public static void write(PrintWriter out, SearchSpec spec, OutputFolder folder, List<TrialResult> results,
                             OptionalInt baselineId, List<WarmStart.Earlier> earlier, Confirmations confirmed) {
        write(out, spec, folder, results, baselineId, earlier, confirmed, List.of());
    }

    /**
     * Rewrites the report from the output folder alone, with the anytime curves of the searches in
     * {@code others} drawn beside this one's; a folder that holds no search, or one with another objective,
     * is refused.
     */
    public static void write(PrintWriter out, SearchSpec spec, OutputFolder folder, List<String> others) {
        TableRows trials = folder.tables().read("trials").orElseThrow(() -> new UserInputException("output folder "
                + folder.path() + " holds no result tables; run a search into it first"));
        OptionalInt baselineId = trials.rows().stream().filter(r -> Boolean.TRUE.equals(trials.get(r, "is_baseline")))
                .mapToInt(r -> ((Number) trials.get(r, "trial_id")).intValue()).findFirst();
        List<AnytimeCurve> curves = new ArrayList<>();
        for (String other : others) {
            OutputFolder o = new OutputFolder(other);
            SearchSpec s = o.searchSpec();
            if (s.objective() != spec.objective()) {
                throw new UserInputException("cannot compare " + o.path() + ": it optimised " + s.objective()
                        + ", this search " + spec.objective());
            }
            curves.add(curve(s, o, o.journal().readAll()));
        }
        List<TrialResult> results = folder.journal().readAll();
        write(out, spec, folder, results, baselineId, WarmStart.lent(spec),
                Confirmations.of(spec, results, folder.confirmJournal().readAll()), curves);
    }

    private static void write(PrintWriter out, SearchSpec spec, OutputFolder folder, List<TrialResult> results,
                              OptionalInt baselineId, List<WarmStart.Earlier> earlier, Confirmations confirmed,
                              List<AnytimeCurve> others) {
        List<AnytimeCurve> curves = new ArrayList<>();
        if (!others.isEmpty()) {
            curves.add(curve(spec, folder, results));
            curves.addAll(others);
        }
        ResultTables tables = folder.tables();
        ObjectNode data = ReportData.finished(spec, results, baselineId, earlier, confirmed,
                tables.read("final").orElse(null),
                tables.read("final_confusion").orElse(null));
        String path = new HtmlReport().write(spec, data, folder.path(), curves);
        out.println("Report: " + path);
        out.flush();
    }

    private static AnytimeCurve curve(SearchSpec spec, OutputFolder folder, List<TrialResult> results) {
        return AnytimeCurve.of(spec.name(), folder.path(), results, spec.objective(),
                spec.execution().threadsPerTrial());
    }
}

package io.sparktune.run;

import io.sparktune.confirm.Confirmations;
import io.sparktune.data.ImageSource;
import io.sparktune.results.FinalReport;
import io.sparktune.results.OutputFolder;
import io.sparktune.spark.FinalEvaluationJob;
import io.sparktune.spec.SearchSpec;
import io.sparktune.strategy.SearchPlan;
import io.sparktune.trial.FinalResult;
import io.sparktune.trial.TrialResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/** The final evaluation as both the search and the evaluate command run it and print it. */
public final class FinalCheck {
    private FinalCheck() {
    }

    /** At the end of a search: a data set without test files skips the check rather than fail the search. */
    static void afterSearch(PrintWriter out, SparkSession spark, SearchSpec spec, SearchPlan plan,
                            List<TrialResult> results, Confirmations confirmed, OutputFolder folder) {
        if (!ImageSource.of(spec.data(), spec.execution().seed()).hasTestSet()) {
            out.printf(Locale.ROOT, "%nsparktune: %s has no test files, so the final check on unseen data is"
                    + " skipped%n", spec.data().path());
            return;
        }
        run(out, spark, spec, plan, results, confirmed, folder);
    }

    /** {@code confirmed}: what confirmation found, whose pick is the best checked (else the search's best trial). */
    public static void run(PrintWriter out, SparkSession spark, SearchSpec spec, SearchPlan plan,
                           List<TrialResult> results, Confirmations confirmed, OutputFolder folder) {
        List<FinalEvaluationJob.Candidate> candidates = FinalEvaluationJob.candidates(spec, plan,
                confirmed.best(results, spec.objective()), results);
        if (candidates.isEmpty()) {
            out.println("\nsparktune: no trial ended well, so there is nothing to check on the test set");
            return;
        }
        FinalCheckRule.Decision decision = FinalCheckRule.decide(spec, candidates, results);
        out.printf(Locale.ROOT, "%nFinal check on the unseen test set: best (trial %d%s) and baseline, %s...%n",
                candidates.get(0).trialId(), confirmed.isEmpty() ? ""
                        : ", the best mean on " + confirmed.pick().orElseThrow().runs() + " seeds", decision.how());
        List<FinalResult> finals = FinalEvaluationJob.run(spark, spec, decision.candidates(), decision.reused(),
                folder::modelPath);
        folder.tables().writeFinal(finals);
        out.print(FinalReport.format(finals, spec.space().parameters()));
        out.printf(Locale.ROOT, "Models (DL4J ModelSerializer): %s, %s%n", folder.modelPath("best"),
                folder.modelPath("baseline"));
    }
}

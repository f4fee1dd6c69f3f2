package io.sparktune.run;

import io.sparktune.confirm.ConfirmationRuns;
import io.sparktune.confirm.Confirmations;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.results.ConfirmationTable;
import io.sparktune.results.OutputFolder;
import io.sparktune.results.Ranking;
import io.sparktune.results.SearchStatus;
import io.sparktune.results.WarmStart;
import io.sparktune.spark.SearchJob;
import io.sparktune.spark.SparkSessions;
import io.sparktune.spec.SearchSpec;
import io.sparktune.strategy.SearchPlan;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * A whole search, from a read spec to the report: plan it and check the data (before Spark starts, so a bad
 * spec or file costs no start-up), claim the output folder, run the trials on Spark, write the tables, rank,
 * check the best on the test set, write the report, and say all of it on the console.
 */
public final class SearchRun {
    private final PrintWriter console;

    public SearchRun(PrintWriter console) {
        this.console = console;
    }

    /**
     * {@code evaluate}: run the final check on the test set after the search. {@code resume}: the command that
     * runs this search again, printed if a signal stops it.
     */
    // The signal handler is installed for the try block's scope and never named inside it.
    @SuppressWarnings("try")
    public void run(SearchSpec spec, boolean evaluate, String resume) {
        SearchSetup setup = SearchSetup.of(spec);
        SearchJob job = setup.job();
        SearchPlan plan = setup.plan();
        try (OutputFolder folder = new OutputFolder(spec.output())) {
            List<TrialResult> earlier = folder.open(setup.spec(), setup.dataFingerprint());
            // From here the folder is this run's: what the console says is kept in it too.
            ConsoleLog log = new ConsoleLog(console, folder.path());
            PrintWriter out = log.writer();
            folder.writeDataSummary(setup.data());
            List<TrialConfig> planned = setup.firstWave(earlier);
            out.printf(Locale.ROOT, "sparktune: %s search '%s': %d trials to run, data %s%n", spec.strategyLabel(),
                    spec.name(), planned.size(), setup.spec().data().path());
            plan.warnings().forEach(w -> out.println("sparktune: warning: " + w));
            for (WarmStart.Earlier lent : setup.warmStart()) {
                out.printf(Locale.ROOT, "sparktune: warm start: %d finished trials of %s inform TPE's model (not"
                        + " retrained, not this search's trials)%n", lent.trials().size(), lent.folder());
            }
            double plannedWork = setup.plannedWork(planned, earlier);
            SparkConf sparkConf = SparkSessions.searchConf(spec.execution());
            boolean local = sparkConf.get("spark.master").startsWith("local");
            out.println("sparktune: " + cost(setup, planned, earlier, plannedWork, local));
            Integer limit = spec.data().maxTrainImages();
            out.printf(Locale.ROOT, "sparktune: %d images of %s in %d classes (%s)%s%n", setup.data().images(),
                    setup.data().shape(), setup.data().classes().size(), String.join(", ", setup.data().classes()),
                    limit != null && limit < setup.data().images() ? ", " + limit + " of them used (max_train_images)"
                            : "");
            if (!(spec.network() instanceof BuiltInNetwork)) {
                out.println("sparktune: network: " + spec.network().description() + ", trained with each trial's"
                        + " optimizer, schedule and regularisation");
            }
            setup.data().warnings().forEach(w -> out.println("sparktune: warning: " + w));
            if (!setup.data().skipped().isEmpty()) {
                out.printf(Locale.ROOT, "sparktune: %d unreadable images skipped (listed in %s), e.g. %s%n",
                        setup.data().skipped().size(), OutputFolder.DATA_FILE, setup.data().skipped().get(0));
            }
            for (String reason : setup.unbuildable(planned)) {
                out.println("sparktune: note: " + reason + "; it will be recorded as failed");
            }
            if (!earlier.isEmpty()) {
                out.printf(Locale.ROOT, "sparktune: resuming in %s: %d trials already finished are kept%n",
                        folder.path(), earlier.size());
            }
            if (!local) {
                out.println("sparktune: " + setup.executorMemory(sparkConf).applyTo(sparkConf));
            }
            SparkSession spark = SparkSessions.start(sparkConf, spec.name());
            LiveStatus live = new LiveStatus(new ProgressPrinter(out, spec.space().parameters(), spec.objective()), folder,
                    setup.spec(), plan.baselineId(), setup.warmStart(), earlier);
            String[] phase = {"trials"};
            try (Interruption interruption = Interruption.install(
                    () -> interrupted(out, log, spark, folder, live, phase[0], resume))) {
                out.printf(Locale.ROOT, "sparktune: Spark master %s, %s thread(s) per trial%n",
                        spark.sparkContext().master(), spark.conf().get("spark.task.cpus"));
                if (job.shipsData(spark)) {
                    out.printf(Locale.ROOT, "sparktune: data %s is a folder on this machine, which other hosts may"
                            + " not see: the driver reads it and ships its %,.0f MB of images to each executor"
                            + " through Spark%n", setup.spec().data().path(), setup.data().images()
                            * (double) setup.data().shape().pixels() / 1e6);
                }
                long start = System.nanoTime();
                SearchJob.Outcome outcome = job.run(spark, folder.journal(), earlier, plannedWork, live);
                List<TrialResult> all = folder.journal().readAll();
                folder.tables().writeTrials(all, plan.baselineId(), spec.objective());
                folder.writeRunSummary(outcome.stopReason(), all.size(), outcome.notStarted());
                double pace = outcome.flopsPerCoreSecond(spec.execution().threadsPerTrial());
                if (Double.isFinite(pace) && pace > 0
                        && outcome.taskSeconds() * spec.execution().threadsPerTrial() >= MachinePace.ENOUGH_CORE_SECONDS) {
                    MachinePace.measured(pace, spec.name(), outcome.flopsPerImage()).save();
                }
                out.printf(Locale.ROOT, "%nsparktune: stopped: %s%s%n", outcome.stopReason(), outcome.notStarted() == 0
                        ? "" : "; " + outcome.notStarted() + " trials not started (rerun to run them)");
                out.println("sparktune: " + ProgressPrinter.summary(all, (System.nanoTime() - start) / 1e9, spec.objective()));
                phase[0] = "confirmation";
                Confirmations confirmed = confirm(out, spark, setup, job, folder, live, all,
                        outcome.notStarted() > 0);
                if (!confirmed.isEmpty()) {
                    folder.tables().writeTrials(all, plan.baselineId(), spec.objective(), confirmed);
                }
                live.ended(SearchStatus.ENDED, outcome.stopReason(), all.size());
                out.printf(Locale.ROOT, "%nRanking by %s%s (%d trials, %.0f s):%n", confirmed.isEmpty() ? "best "
                        : "the confirmed mean, then best ", spec.objective().label(), all.size(),
                        (System.nanoTime() - start) / 1e9);
                out.print(Ranking.format(all, plan.baselineId(), spec.space().parameters(), spec.objective(),
                        confirmed));
                if (evaluate) {
                    phase[0] = "final check";
                    FinalCheck.afterSearch(out, spark, setup.spec(), plan, all, confirmed, folder);
                }
                phase[0] = "report";
                out.println();
                Report.write(out, setup.spec(), folder, all, plan.baselineId(), setup.warmStart(), confirmed);
                String order = spec.objective() == Objective.VAL_ACCURACY ? "best_val_accuracy DESC"
                        : "best_objective " + (spec.objective().minimise() ? "ASC" : "DESC");
                out.printf(Locale.ROOT, "%nTables in %s (Parquet): %s%nQuery:  %s "
                                + "\"SELECT * FROM trials ORDER BY %s\"%n",
                        folder.path(), String.join(", ", folder.tables().present()),
                        Launcher.command("query -o " + spec.output()), confirmed.isEmpty() ? order
                                : "confirmed_mean " + (spec.objective().minimise() ? "ASC" : "DESC") + " NULLS LAST, "
                                + order);
            } finally {
                if (!Interruption.signalled()) {
                    log.save();
                    spark.stop();
                }
            }
        }
    }

    /**
     * Trains the search's best configurations again on new seeds (search.confirm), keeping the runs an
     * earlier run of this search finished, and says what the seeds changed. Not after a search the time
     * budget cut short: its best may not be among its trials yet, and the rerun that finishes it confirms.
     */
    private static Confirmations confirm(PrintWriter out, SparkSession spark, SearchSetup setup, SearchJob job,
                                         OutputFolder folder, LiveStatus live, List<TrialResult> all,
                                         boolean cutShort) {
        SearchSpec spec = setup.spec();
        Objective objective = spec.objective();
        if (!spec.confirm().appliesTo(setup.plan().trials())) {
            forgetConfirmation(folder, objective);
            return Confirmations.NONE;
        }
        List<TrialResult> done = folder.confirmJournal().readAll();
        if (cutShort) {
            out.printf(Locale.ROOT, "sparktune: the best configurations are not confirmed on new seeds: the time"
                    + " budget ended the search first; a rerun finishes it and confirms%n");
            return Confirmations.of(spec, all, done);
        }
        ConfirmationRuns runs = ConfirmationRuns.of(spec.confirm(), all, objective, spec.execution().seed());
        if (runs.top().isEmpty()) {
            out.println("sparktune: no trial ran its whole budget, so there is nothing to confirm on new seeds");
            forgetConfirmation(folder, objective);
            return Confirmations.NONE;
        }
        List<TrialResult> kept = done.stream().filter(runs::includes).toList();
        out.printf(Locale.ROOT, "%nConfirming %s (%s retrained from scratch, the validation images unchanged):"
                        + " %d runs%s%n", spec.confirm().describe(), runs.top().stream()
                        .map(r -> "trial " + r.trialId()).collect(Collectors.joining(", ")),
                runs.runs().size(), kept.isEmpty() ? "" : ", " + kept.size() + " done earlier and kept");
        SearchJob.Outcome outcome = job.confirm(spark, runs, folder.confirmJournal(), kept,
                live.confirmation(new ConfirmationProgress(out, spec.space().parameters(), objective, runs.top())));
        List<TrialResult> finished = outcome.results().stream().filter(runs::includes).toList();
        folder.tables().writeConfirm(finished, objective);
        Confirmations confirmed = Confirmations.of(runs, finished, objective);
        out.print(ConfirmationTable.format(confirmed, runs.top(), spec.space().parameters(), objective));
        return confirmed;
    }

    /**
     * A rerun that does not confirm empties the confirm table an earlier run wrote, so the tables say what
     * this run's pick rests on; the runs stay in confirm-runs/ for a rerun that confirms again.
     */
    private static void forgetConfirmation(OutputFolder folder, Objective objective) {
        if (folder.tables().present().contains("confirm")) {
            folder.tables().writeConfirm(List.of(), objective);
        }
    }

    /**
     * What the search will cost, before it starts: its trials and epochs (halving's expected promotions
     * included), the FLOPs they take, and the core-hours and wall time at the pace an earlier search
     * measured on this machine, or an assumed one.
     */
    private static String cost(SearchSetup setup, List<TrialConfig> planned, List<TrialResult> earlier,
                               double work, boolean local) {
        long epochs = setup.epochsLeft(earlier);
        double flopsPerImage = setup.work().meanPerImageEpoch(planned);
        Optional<MachinePace> measured = MachinePace.load(flopsPerImage);
        SearchSpec spec = setup.spec();
        int threads = spec.execution().threadsPerTrial();
        int training = setup.work().trainingImages();
        double fraction = spec.data().validationFraction();
        // Only where the trials will run on this machine: a cluster's executors are other machines.
        Optional<PaceProbe.Pace> probed = measured.isPresent() || !local ? Optional.empty()
                : PaceProbe.measure(spec.network(), setup.plan().baselineModel(), setup.data().shape(),
                        setup.data().classes().size(), threads, training,
                        (int) Math.round(training * fraction / (1 - fraction)));
        double pace = measured.map(MachinePace::flopsPerCoreSecond)
                .orElse(probed.map(PaceProbe.Pace::flopsPerCoreSecond).orElse(MachinePace.ASSUMED));
        int slots = Math.max(1, Math.min(spec.execution().parallelTrials(), Math.max(1, planned.size())));
        CostEstimate estimate = CostEstimate.of(work * setup.work().trainingImages(), pace, threads, slots);
        return String.format(Locale.ROOT, "cost: %d trial%s, about %,d epochs of %,d training images: about %s"
                        + " core-hours, %s on %d slot%s of %d core%s (at %s GFLOP/s per core, %s)",
                setup.plan().trials() - earlier.size(), setup.plan().trials() - earlier.size() == 1 ? "" : "s", epochs,
                setup.work().trainingImages(), hours(estimate.coreSeconds()), ProgressPrinter.duration(estimate.wallSeconds()),
                slots, slots == 1 ? "" : "s", threads, threads == 1 ? "" : "s", MachinePace.gigaflops(pace),
                measured.map(m -> "measured by search '" + m.search() + "' on this machine" + (m.flopsPerImage() > 0
                        ? String.format(Locale.ROOT, ", on networks of %.0f MFLOP per training image (these: %.0f)",
                        m.flopsPerImage() / 1e6, flopsPerImage / 1e6) : "")).orElse(probed.map(p -> String.format(
                        Locale.ROOT, "measured on %d minibatches of the baseline network on the driver, as no search"
                                + " has run here on networks of its size", p.minibatches()))
                        .orElse("assumed until a search has run here")));
    }

    private static String hours(double coreSeconds) {
        double hours = coreSeconds / 3600;
        return hours < 10 ? String.format(Locale.ROOT, "%.2f", hours) : String.format(Locale.ROOT, "%,.0f", hours);
    }

    /**
     * A signal stopped the search: cancel the trial jobs (their tasks are interrupted; what finished is in
     * the journal already), record the stop where {@code run.json} and {@code status.json} say it, tell the
     * user in one line what was kept and how to go on (in console.log too), and free the folder.
     */
    private static void interrupted(PrintWriter out, ConsoleLog log, SparkSession spark, OutputFolder folder,
                                    LiveStatus live, String phase, String resume) {
        try {
            spark.sparkContext().cancelAllJobs();
        } catch (RuntimeException e) {
            // Spark may be stopping already; the jobs end with it.
        }
        int kept = folder.journal().readAll().size();
        folder.writeRunSummary("interrupted", kept, 0);
        live.ended(SearchStatus.INTERRUPTED, "interrupted during the " + phase, kept);
        out.printf(Locale.ROOT, "%nsparktune: interrupted during the %s: %d trial%s kept in %s; %s%n", phase, kept,
                kept == 1 ? "" : "s", folder.path(), phase.equals("trials") || phase.equals("confirmation")
                        ? "resume with: " + resume
                        : "every trial is kept; run the final check with: "
                                + Launcher.command("evaluate -o " + folder.path()));
        log.save();
        folder.close();
    }
}

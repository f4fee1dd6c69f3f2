package io.sparktune.spark;

import io.sparktune.confirm.ConfirmationRun;
import io.sparktune.confirm.ConfirmationRuns;
import io.sparktune.model.Hyperparameters;
import io.sparktune.results.TrialJournal;
import io.sparktune.results.TrialNetworks;
import io.sparktune.spec.Budget;
import io.sparktune.spec.SearchSpec;
import io.sparktune.strategy.SearchPlan;
import io.sparktune.strategy.SearchStrategy;
import io.sparktune.trial.Checkpoint;
import io.sparktune.trial.NetworkState;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialLabel;
import io.sparktune.trial.TrialOutcome;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialWork;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Distributes a search's trials over Spark, one trial per task, and collects the results. It decides
 * nothing about what to try (the strategy does) or where results go (the result store does); it only
 * chooses the order in which Spark hands trials to free cores.
 */
public final class SearchJob {
    private final SearchSpec spec;
    private final SearchPlan plan;
    private final TrialWork work;
    /** Hears running trials' epochs through Spark, once per SparkContext. */
    private RunningEpochs runningEpochs;

    /** {@code spec}: with its data path as executors read it; {@code work}: what each trial costs. */
    public SearchJob(SearchSpec spec, SearchPlan plan, TrialWork work) {
        this.spec = spec;
        this.plan = plan;
        this.work = work;
    }

    /**
     * Whether the driver ships the images to the executors rather than each reading {@code data.path}: a
     * {@code file:} folder on a cluster, which other hosts may not see ({@link ExecutorData}).
     */
    public boolean shipsData(SparkSession spark) {
        return ExecutorData.shipped(spark.sparkContext(), spec.data());
    }

    /**
     * What a run ended with: every trial's latest result (earlier runs' too), how many it did not start, why
     * it stopped; and the tasks it ran (a trial continued at later rungs runs once per rung) with the seconds
     * they held a core, from submission to result as the driver saw it, for measuring idle cores.
     */
    public record Outcome(List<TrialResult> results, int notStarted, String stopReason, int tasks,
                          double taskSeconds, double trainedFlops, double trainedImages) {
        /** FLOP-equivalents a core trained per second in this run, tasks' overheads included; NaN if none ran. */
        public double flopsPerCoreSecond(int threadsPerTrial) {
            return taskSeconds > 0 ? trainedFlops / (taskSeconds * threadsPerTrial) : Double.NaN;
        }

        /** The mean training FLOPs per image of the networks the tasks trained: what the pace was measured on. */
        public double flopsPerImage() {
            return trainedImages > 0 ? trainedFlops / trainedImages : Double.NaN;
        }
    }

    /**
     * Runs every trial the strategy asks for that is not among {@code earlier} (the trials a previous run
     * of this search finished), each recorded in {@code journal} by the driver as its result arrives, and reported to
     * {@code progress}, until the strategy has no more or the time budget (counted from this call) runs out.
     * Each trial is its own one-task Spark job, submitted from a driver thread when a core is free, so the
     * strategy hears of every trial as it ends and can decide the next one then (asynchronous halving
     * promotes without waiting for a whole rung). {@code plannedWork}: the FLOPs per training image the
     * plan expects to be left, for the progress estimate.
     */
    public Outcome run(SparkSession spark, TrialJournal journal, List<TrialResult> earlier, double plannedWork,
                       SearchProgress progress) {
        return dispatch(spark, plan.strategy(), plan.trials(), plannedWork, journal, earlier, progress,
                spec.budget());
    }

    /**
     * Runs the confirmation runs not among {@code earlier} (those a previous run of this search finished)
     * as it runs trials, side by side, recorded in {@code journal}. The time budget bounds the search, not
     * this: a confirmation cut short would compare configurations on different numbers of seeds.
     */
    public Outcome confirm(SparkSession spark, ConfirmationRuns runs, TrialJournal journal, List<TrialResult> earlier,
                           SearchProgress progress) {
        double left = runs.nextTrials(earlier, Set.of()).stream().mapToDouble(work::perImage).sum();
        return dispatch(spark, runs, runs.runs().size(), left, journal, earlier, progress, new Budget(null, null));
    }

    /**
     * The dispatcher both run: {@code total} tasks the strategy is expected to ask for, {@code left} the
     * FLOPs per training image they take, {@code budget} what bounds them.
     */
    private Outcome dispatch(SparkSession spark, SearchStrategy strategy, long total, double left, TrialJournal journal,
                             List<TrialResult> earlier, SearchProgress progress, Budget budget) {
        Double minutes = budget.minutes();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long started = System.currentTimeMillis();
        long notAfter = minutes == null ? Long.MAX_VALUE : started + (long) (minutes * 60_000);
        ExecutorSetup setup = ExecutorSetup.fromDriver();
        ExecutorData images = ExecutorData.forTrials(jsc, spec.data(), spec.execution().seed());
        List<TrialResult> finished = new ArrayList<>(earlier);
        // In the order they started. Only this thread changes it; the listener that hears running trials' epochs
        // on Spark's own thread only reads it, so its gets are synchronized and this thread's iterations need not be.
        Map<Integer, TrialConfig> running = Collections.synchronizedMap(new LinkedHashMap<>());
        ExecutorService threads = Executors.newCachedThreadPool(daemon());
        CompletionService<Ended> ended = new ExecutorCompletionService<>(threads);
        Set<Integer> notStarted = new HashSet<>();
        Ended last = null;
        int tasks = 0;
        double taskSeconds = 0;
        double trainedFlops = 0;
        double trainedImages = 0;
        ProgressEstimate estimate = new ProgressEstimate(work::perImage, spec.objective(), left, total, started);
        Map<Integer, Long> since = new ConcurrentHashMap<>();
        double eta = Double.NaN;
        boolean changed = false;
        if (runningEpochs == null || !runningEpochs.isOn(spark.sparkContext())) {
            runningEpochs = RunningEpochs.on(spark.sparkContext());
        }
        RunningEpochs epochs = runningEpochs;
        epochs.hear((trialId, epoch) -> {
            TrialConfig trial = running.get(trialId);
            Long from = since.get(trialId);
            if (trial != null && from != null) {
                progress.epochEnded(new SearchProgress.Epoch(new SearchProgress.Running(trialId, label(trial), from),
                        trial.model().get(Hyperparameters.EPOCHS), epoch));
            }
        });
        try {
            while (true) {
                List<TrialConfig> next = schedule(strategy, strategy.nextTrials(finished, Set.copyOf(running.keySet()))
                        .stream().filter(t -> !running.containsKey(t.trialId())).toList());
                boolean late = System.currentTimeMillis() > notAfter;
                int submitted = 0;
                for (; !late && submitted < next.size() && running.size() < slots(jsc); submitted++) {
                    TrialConfig trial = next.get(submitted);
                    running.put(trial.trialId(), trial);
                    since.put(trial.trialId(), System.currentTimeMillis());
                    long handedOut = System.nanoTime();
                    ended.submit(() -> new Ended(trial, runOne(jsc, images, setup, notAfter, journal, trial,
                            epochs), handedOut));
                }
                List<TrialConfig> waiting = next.subList(submitted, next.size());
                if (last != null) {
                    // Reported now, once the strategy has answered, so the count of trials ahead is current.
                    SearchProgress.Update update = estimate.update(last.trial(), last.result(), finished,
                            running.values(), waiting, slots(jsc));
                    eta = update.etaSeconds();
                    progress.trialEnded(update);
                    last = null;
                }
                if (submitted > 0 || changed) {
                    progress.changed(snapshot(finished, running, since, waiting, eta, started, total));
                    changed = false;
                }
                if (running.isEmpty() && (next.isEmpty() || late)) {
                    next.forEach(t -> notStarted.add(t.trialId()));
                    break;
                }
                if (submitted > 0 && submitted == next.size() && running.size() < slots(jsc)) {
                    continue; // the answer ran out before the free cores did: a strategy may propose a few at a time
                }
                Future<Ended> done = ended.poll(1, TimeUnit.SECONDS);
                if (done == null) {
                    continue; // re-count the cores: executors may have joined
                }
                Ended end = done.get();
                running.remove(end.trial().trialId());
                since.remove(end.trial().trialId());
                changed = true;
                double seconds = (System.nanoTime() - end.submittedNanos()) / 1e9;
                tasks++;
                taskSeconds += seconds;
                if (end.result() == null) {
                    notStarted.add(end.trial().trialId());
                    continue;
                }
                estimate.taskEnded(end.trial(), seconds);
                trainedFlops += work.perImage(end.trial()) * work.trainingImages();
                trainedImages += (double) end.trial().epochsToTrain() * work.trainingImages();
                notStarted.remove(end.trial().trialId());
                // A trial continued at a later rung replaces its earlier result: one result per trial.
                finished.removeIf(r -> r.trialId() == end.result().trialId());
                finished.add(end.result());
                last = end;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jsc.cancelAllJobs();
            throw new IllegalStateException("interrupted while waiting for trials", e);
        } catch (ExecutionException e) {
            // One trial's job failed beyond Spark's retries: stop the others; the journal keeps what finished.
            jsc.cancelAllJobs();
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            epochs.hear(null);
            threads.shutdownNow();
            images.release();
        }
        if (!notStarted.isEmpty()) {
            return new Outcome(List.copyOf(finished), notStarted.size(), "time budget of " + minutes + " minutes used up",
                    tasks, taskSeconds, trainedFlops, trainedImages);
        }
        // What the strategy concludes at the end (e.g. which trials halving pruned) goes into the journal too.
        List<TrialResult> settled = strategy.settle(finished);
        for (int i = 0; i < settled.size(); i++) {
            if (!settled.get(i).equals(finished.get(i))) {
                journal.record(settled.get(i));
            }
        }
        Integer cap = budget.maxTrials();
        return new Outcome(List.copyOf(settled), 0, cap != null && settled.size() >= cap
                ? "max_trials (" + cap + ") reached" : "every trial the strategy asked for has run", tasks, taskSeconds,
                trainedFlops, trainedImages);
    }

    private SearchProgress.Snapshot snapshot(List<TrialResult> finished, Map<Integer, TrialConfig> running,
                                             Map<Integer, Long> since, List<TrialConfig> waiting, double eta,
                                             long started, long total) {
        Optional<TrialResult> best = spec.objective().best(finished);
        List<SearchProgress.Running> now = running.values().stream().map(t -> new SearchProgress.Running(
                t.trialId(), label(t), since.get(t.trialId()))).toList();
        return new SearchProgress.Snapshot(finished.size(), ProgressEstimate.known(finished, running.values(), waiting,
                total),
                now, waiting.size(),
                best.map(TrialResult::trialId).orElse(-1), best.map(spec.objective()::value).orElse(Double.NaN), eta,
                started);
    }

    /** A trial's task back on the driver: its result (null if the budget stopped it) and when it was handed out. */
    private record Ended(TrialConfig trial, TrialResult result, long submittedNanos) {
    }

    /**
     * One trial as its own Spark job of one task; null when the time budget ran out before it started. The
     * job's group and description name the trial as the console does, so the Spark UI and the History
     * Server list trials, not anonymous jobs, and one trial's job can be cancelled by its group.
     * The driver alone touches the output folder: it reads the network a later rung continues from and
     * broadcasts it, and stores what the task hands back (the rung's network first, then the journal entry
     * that makes it usable) before this slot is given its next trial, so a lost driver loses no finished
     * trial and an executor on a host that cannot see the folder loses nothing either.
     */
    private TrialResult runOne(JavaSparkContext jsc, ExecutorData images, ExecutorSetup setup, long notAfter,
                               TrialJournal journal, TrialConfig trial, RunningEpochs epochs) {
        jsc.setJobGroup(jobGroup(trial.trialId()), jobDescription(trial), true);
        Checkpoint checkpoint = trial.checkpoint();
        Broadcast<NetworkState> from = checkpoint != null && checkpoint.hasNetwork()
                ? jsc.broadcast(NetworkState.load(checkpoint.from())) : null;
        try {
            TrialTask task = new TrialTask(images, setup, notAfter, from, spec.network(),
                    spec.finalCheck().keepsTrialNetworks() ? spec.objective() : null, epochs.accumulator());
            TrialOutcome outcome = jsc.parallelize(List.of(trial), 1).map(task).collect().get(0);
            if (outcome == null) {
                return null;
            }
            if (outcome.network() != null) {
                outcome.network().saveTo(checkpoint.to());
            }
            if (outcome.best() != null) {
                new TrialNetworks(spec.output()).save(trial.trialId(), outcome.best());
            }
            journal.record(outcome.result());
            return outcome.result();
        } finally {
            if (from != null) {
                from.destroy();
            }
        }
    }

    public static String jobGroup(int trialId) {
        return "sparktune-trial-" + trialId;
    }

    String jobDescription(TrialConfig trial) {
        return label(trial) + " (" + spec.name() + ")";
    }

    private String label(TrialConfig trial) {
        if (ConfirmationRun.isRun(trial.trialId())) {
            return ConfirmationRun.of(trial.trialId()).label(trial.model(), spec.space().parameters());
        }
        return TrialLabel.of(trial.trialId(), trial.model(), spec.space().parameters())
                + (trial.checkpoint() == null ? "" : " rung " + trial.rung());
    }

    /**
     * Trials to keep running at once: the spec's parallel_trials, or more when the cluster has more task
     * slots than that (its cores over spark.task.cpus). Only this many are handed to Spark, so each new
     * trial is chosen with the latest results.
     */
    private int slots(JavaSparkContext jsc) {
        int taskCpus = jsc.sc().conf().getInt("spark.task.cpus", 1);
        return Math.max(spec.execution().parallelTrials(), jsc.sc().defaultParallelism() / Math.max(1, taskCpus));
    }

    private static ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "sparktune-trial");
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Longest expected trial first (execution.trial_order), so the last wave of a search is not one long
     * straggler, unless the strategy's order is its preference.
     */
    private List<TrialConfig> schedule(SearchStrategy strategy, List<TrialConfig> wave) {
        return spec.execution().trialOrder().arrange(wave, strategy.ordersItsTrials(), work::perImage);
    }
}

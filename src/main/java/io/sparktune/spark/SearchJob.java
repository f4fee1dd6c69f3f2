package io.sparktune.spark;

import io.sparktune.confirm.ConfirmationRun;
import io.sparktune.confirm.ConfirmationRuns;
import io.sparktune.data.Cifar10Download;
import io.sparktune.data.DataFiles;
import io.sparktune.data.DataKind;
import io.sparktune.data.DataFingerprint;
import io.sparktune.data.DataSummary;
import io.sparktune.data.ImageSource;
import io.sparktune.input.SpecException;
import io.sparktune.model.CnnFactory;
import io.sparktune.model.NetworkCost;
import io.sparktune.results.TrialJournal;
import io.sparktune.results.WarmStart;
import io.sparktune.spec.SearchSpec;
import io.sparktune.strategy.SearchPlan;
import io.sparktune.strategy.SearchStrategy;
import io.sparktune.trial.Checkpoint;
import io.sparktune.trial.NetworkState;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialLabel;
import io.sparktune.trial.TrialOutcome;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
    private final DataSummary data;
    private final DataFingerprint fingerprint;
    private final List<WarmStart.Earlier> warmStart;

    /**
     * Checks the data on the driver (reading every training file once) and fixes its path for executors,
     * so bad data fails here, before any task, with a message that names the file.
     */
    public SearchJob(SearchSpec spec) {
        String folder = DataFiles.qualify(spec.data().path());
        // Listed once, by the warm-start check if an earlier search needs comparing, else after the data check.
        Supplier<DataFingerprint> files = DataFingerprint.once(folder, spec.data().kind());
        // First, so a spec the strategy cannot work with fails before data is read or anything written.
        this.warmStart = WarmStart.load(spec, files);
        this.plan = SearchPlan.of(spec, warmStart.stream().flatMap(e -> e.trials().stream()).toList());
        if (spec.data().kind() == DataKind.CIFAR10 && spec.data().allowsDownload()) {
            Cifar10Download.official().ensurePresent(folder);
        }
        this.spec = spec.withData(spec.data().withPath(folder));
        this.data = DataSummary.of(folder, ImageSource.of(this.spec.data(), spec.execution().seed()));
        this.fingerprint = files.get();
    }

    /** The data files this search reads, as a resume or a warm start compares them. */
    public DataFingerprint dataFingerprint() {
        return fingerprint;
    }

    public SearchSpec spec() {
        return spec;
    }

    /** The earlier searches whose trials TPE learns from (search.warm_start). */
    public List<WarmStart.Earlier> warmStart() {
        return warmStart;
    }

    /**
     * Whether the driver ships the images to the executors rather than each reading {@code data.path}: a
     * {@code file:} folder on a cluster, which other hosts may not see ({@link ExecutorData}).
     */
    public boolean shipsData(SparkSession spark) {
        return ExecutorData.shipped(spark.sparkContext(), spec.data());
    }

    /** What each executor will hold beside its heap, for the trials the search starts with. */
    public ExecutorMemory executorMemory(org.apache.spark.SparkConf conf) {
        return ExecutorMemory.of(firstWave(), data.shape(), data.classes().size(), imagesUsed(), conf);
    }

    public SearchPlan plan() {
        return plan;
    }

    public DataSummary data() {
        return data;
    }

    /** The trials the strategy starts with, in the order they will be handed to Spark. */
    public List<TrialConfig> firstWave() {
        return firstWave(List.of());
    }

    /** The trials the strategy starts with when {@code earlier} are already finished. */
    public List<TrialConfig> firstWave(List<TrialResult> earlier) {
        return schedule(plan.strategy().nextTrials(earlier));
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
     * promotes without waiting for a whole rung).
     */
    public Outcome run(SparkSession spark, TrialJournal journal, List<TrialResult> earlier, SearchProgress progress) {
        return dispatch(spark, plan.strategy(), plan.trials(), plannedWork(firstWave(earlier), earlier), journal,
                earlier, progress, spec.budget().minutes());
    }

    /**
     * Runs the confirmation runs not among {@code earlier} (those a previous run of this search finished)
     * as it runs trials, side by side, recorded in {@code journal}. The time budget bounds the search, not
     * this: a confirmation cut short would compare configurations on different numbers of seeds.
     */
    public Outcome confirm(SparkSession spark, ConfirmationRuns runs, TrialJournal journal, List<TrialResult> earlier,
                           SearchProgress progress) {
        double work = runs.nextTrials(earlier, Set.of()).stream().mapToDouble(this::expectedWork).sum();
        return dispatch(spark, runs, runs.runs().size(), work, journal, earlier, progress, null);
    }

    /**
     * The dispatcher both run: {@code total} tasks the strategy is expected to ask for, {@code work} the
     * FLOPs per training image they take, {@code minutes} the time budget (null: none).
     */
    private Outcome dispatch(SparkSession spark, SearchStrategy strategy, long total, double work, TrialJournal journal,
                             List<TrialResult> earlier, SearchProgress progress, Double minutes) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long started = System.currentTimeMillis();
        long notAfter = minutes == null ? Long.MAX_VALUE : started + (long) (minutes * 60_000);
        ExecutorSetup setup = ExecutorSetup.fromDriver();
        ExecutorData images = ExecutorData.forTrials(jsc, spec.data(), spec.execution().seed());
        List<TrialResult> finished = new ArrayList<>(earlier);
        Map<Integer, TrialConfig> running = new LinkedHashMap<>();
        ExecutorService threads = Executors.newCachedThreadPool(daemon());
        CompletionService<Ended> ended = new ExecutorCompletionService<>(threads);
        Set<Integer> notStarted = new HashSet<>();
        Ended last = null;
        int tasks = 0;
        double taskSeconds = 0;
        double trainedFlops = 0;
        double trainedImages = 0;
        ProgressEstimate estimate = new ProgressEstimate(this::expectedWork, spec.objective(), work, total, started);
        Map<Integer, Long> since = new HashMap<>();
        double eta = Double.NaN;
        boolean changed = false;
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
                    ended.submit(() -> new Ended(trial, runOne(jsc, images, setup, notAfter, journal, trial), handedOut));
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
                trainedFlops += expectedWork(end.trial()) * trainingImages();
                trainedImages += (double) end.trial().epochsToTrain() * trainingImages();
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
        Integer cap = strategy == plan.strategy() ? spec.budget().maxTrials() : null;
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
                               TrialJournal journal, TrialConfig trial) {
        jsc.setJobGroup(jobGroup(trial.trialId()), jobDescription(trial), true);
        Checkpoint checkpoint = trial.checkpoint();
        Broadcast<NetworkState> from = checkpoint != null && checkpoint.hasNetwork()
                ? jsc.broadcast(NetworkState.load(checkpoint.from())) : null;
        try {
            TrialTask task = new TrialTask(images, setup, notAfter, from);
            TrialOutcome outcome = jsc.parallelize(List.of(trial), 1).map(task).collect().get(0);
            if (outcome == null) {
                return null;
            }
            if (outcome.network() != null) {
                outcome.network().saveTo(checkpoint.to());
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
            ConfirmationRun run = ConfirmationRun.of(trial.trialId());
            return TrialLabel.of(run.trialId(), trial.model(), spec.space().parameters()) + " new seed " + run.repeat();
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
    List<TrialConfig> schedule(List<TrialConfig> wave) {
        return schedule(plan.strategy(), wave);
    }

    private List<TrialConfig> schedule(SearchStrategy strategy, List<TrialConfig> wave) {
        return spec.execution().trialOrder().arrange(wave, strategy.ordersItsTrials(), this::expectedWork);
    }

    /** Images in one training epoch, as the split will make it from the data the driver checked. */
    public int trainingImages() {
        return (int) Math.round(imagesUsed() * (1 - spec.data().validationFraction()));
    }

    /** Images the split draws from: all the data's, or max_train_images of them. */
    private int imagesUsed() {
        Integer limit = spec.data().maxTrainImages();
        return limit == null ? data.images() : Math.min(limit, data.images());
    }

    /**
     * FLOPs per training image of what is left of the search as planned: the plan's expected epochs
     * (successive halving's promotions included) less those {@code earlier} runs trained, at the mean cost
     * of an epoch of the trials {@code wave} starts with.
     */
    private double plannedWork(List<TrialConfig> wave, List<TrialResult> earlier) {
        return flopsPerImage(wave) * epochsLeft(earlier);
    }

    /** The epochs the plan expects to train (halving's promotions included) less those {@code earlier} trained. */
    public long epochsLeft(List<TrialResult> earlier) {
        long trained = earlier.stream().mapToLong(r -> r.epochs().size()).sum();
        return Math.max(0, plan.epochs() - trained);
    }

    /** The mean training FLOPs per image of an epoch of the trials {@code wave} starts with. */
    public double flopsPerImage(List<TrialConfig> wave) {
        return wave.stream().mapToDouble(t -> NetworkCost.trainingFlops(t.model(), data.shape(),
                data.classes().size())).average().orElse(0);
    }

    /** FLOPs per training image of the epochs still to train (a continued trial has some behind it). */
    public double expectedWork(TrialConfig trial) {
        return NetworkCost.trainingFlops(trial.model(), data.shape(), data.classes().size()) * trial.epochsToTrain();
    }

    /**
     * Why each trial of the wave that cannot be built for these images cannot (too many conv blocks for
     * the image size). Such trials still run, and end as failed with that reason: one impossible corner
     * of a grid should not stop the rest of it.
     */
    public List<String> unbuildable(List<TrialConfig> wave) {
        int side = Math.min(data.shape().height(), data.shape().width());
        List<String> reasons = new ArrayList<>();
        for (TrialConfig trial : wave) {
            try {
                CnnFactory.featureSide(trial.model(), side);
            } catch (SpecException e) {
                reasons.add("trial " + trial.trialId() + ": " + e.problem());
            }
        }
        return reasons;
    }
}

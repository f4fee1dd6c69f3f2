package io.sparktune.spark;

import io.sparktune.data.Cifar10Download;
import io.sparktune.data.DataFiles;
import io.sparktune.data.DataSummary;
import io.sparktune.data.ImageSource;
import io.sparktune.data.RawImages;
import io.sparktune.model.NetworkCost;
import io.sparktune.results.TrialJournal;
import io.sparktune.spec.DataKind;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecException;
import io.sparktune.spec.TrialOrder;
import io.sparktune.strategy.SearchStrategy;
import io.sparktune.strategy.Strategies;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Distributes a search's trials over Spark, one trial per task, and collects the results. It decides
 * nothing about what to try (the strategy does) or where results go (the result store does); it only
 * chooses the order in which Spark hands trials to free cores.
 */
public final class SearchJob {
    private final SearchSpec spec;
    private final DataSummary data;

    /**
     * Checks the data on the driver (reading every training file once) and fixes its path for executors,
     * so bad data fails here, before any task, with a message that names the file.
     */
    public SearchJob(SearchSpec spec) {
        String folder = DataFiles.qualify(spec.data().path());
        if (spec.data().kind() == DataKind.CIFAR10 && spec.data().allowsDownload()) {
            Cifar10Download.official().ensurePresent(folder);
        }
        this.spec = spec.withData(spec.data().withPath(folder));
        RawImages pool = ImageSource.of(this.spec.data(), spec.execution().seed()).trainingPool();
        this.data = DataSummary.of(folder, pool);
    }

    public SearchSpec spec() {
        return spec;
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
        return schedule(Strategies.forSpec(spec).nextTrials(earlier));
    }

    /** What a run ended with: every trial's latest result (earlier runs' too), how many it did not start, why it stopped. */
    public record Outcome(List<TrialResult> results, int notStarted, String stopReason) {
    }

    /**
     * Runs every trial the strategy asks for that is not among {@code earlier} (the trials a previous run
     * of this search finished), each recorded in {@code journal} as it ends, until the strategy has no more
     * or the time budget (counted from this call) runs out.
     */
    public Outcome run(SparkSession spark, TrialJournal journal, List<TrialResult> earlier) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SearchStrategy strategy = Strategies.forSpec(spec);
        Double minutes = spec.budget().minutes();
        long notAfter = minutes == null ? Long.MAX_VALUE : System.currentTimeMillis() + (long) (minutes * 60_000);
        TrialTask task = new TrialTask(spec.data(), spec.execution().seed(), journal, notAfter);
        List<TrialResult> finished = new ArrayList<>(earlier);
        List<TrialConfig> wave;
        while (!(wave = strategy.nextTrials(finished)).isEmpty()) {
            if (System.currentTimeMillis() > notAfter) {
                return new Outcome(List.copyOf(finished), wave.size(), "time budget of " + minutes + " minutes used up");
            }
            List<TrialConfig> ordered = schedule(wave);
            jsc.setJobDescription("sparktune " + spec.name() + ": " + ordered.size() + " trials");
            // One partition per trial, so each trial is its own task; Spark starts them in partition order.
            List<TrialResult> results = jsc.parallelize(ordered, ordered.size()).map(task).collect();
            int notStarted = (int) results.stream().filter(java.util.Objects::isNull).count();
            // A trial continued at a later rung replaces its earlier result: one result per trial.
            for (TrialResult result : results) {
                if (result != null) {
                    finished.removeIf(r -> r.trialId() == result.trialId());
                    finished.add(result);
                }
            }
            if (notStarted > 0) {
                return new Outcome(List.copyOf(finished), notStarted, "time budget of " + minutes + " minutes used up");
            }
        }
        // What the strategy concludes at the end (e.g. which trials halving pruned) goes into the journal too.
        List<TrialResult> settled = strategy.settle(finished);
        for (int i = 0; i < settled.size(); i++) {
            if (!settled.get(i).equals(finished.get(i))) {
                journal.record(settled.get(i));
            }
        }
        finished = new ArrayList<>(settled);
        Integer cap = spec.budget().maxTrials();
        return new Outcome(List.copyOf(finished), 0, cap != null && finished.size() >= cap
                ? "max_trials (" + cap + ") reached" : "every trial the strategy asked for has run");
    }

    /** Longest expected trial first, so the last wave of a search is not one long straggler. */
    List<TrialConfig> schedule(List<TrialConfig> wave) {
        if (spec.execution().trialOrder() == TrialOrder.AS_LISTED) {
            return wave;
        }
        return wave.stream()
                .sorted(Comparator.comparingDouble((TrialConfig t) -> -expectedWork(t))
                        .thenComparingInt(TrialConfig::trialId))
                .toList();
    }

    double expectedWork(TrialConfig trial) {
        return NetworkCost.trainingFlops(trial.model(), data.shape(), data.classes().size()) * trial.model().epochs();
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
                trial.model().finalFeatureSide(side);
            } catch (SpecException e) {
                reasons.add("trial " + trial.trialId() + ": " + e.problem());
            }
        }
        return reasons;
    }
}

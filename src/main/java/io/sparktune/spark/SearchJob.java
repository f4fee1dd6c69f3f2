package io.sparktune.spark;

import io.sparktune.data.Cifar10Download;
import io.sparktune.data.DataFiles;
import io.sparktune.data.ImageSource;
import io.sparktune.data.RawImages;
import io.sparktune.spec.DataKind;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecException;
import io.sparktune.strategy.SearchStrategy;
import io.sparktune.strategy.Strategies;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Distributes a search's trials over Spark, one trial per task, and collects the results. It decides
 * nothing about what to try (the strategy does) or where results go (the result store does).
 */
public final class SearchJob {
    private final SearchSpec spec;

    /** Checks the data on the driver and fixes its path for executors; bad data fails here, not in a task. */
    public SearchJob(SearchSpec spec) {
        String folder = DataFiles.qualify(spec.data().path());
        if (spec.data().kind() == DataKind.CIFAR10 && spec.data().download()) {
            Cifar10Download.official().ensurePresent(folder);
        }
        this.spec = spec.withData(spec.data().withPath(folder));
    }

    public SearchSpec spec() {
        return spec;
    }

    /** Every trial the strategy will start with, checked against the data's image size. */
    public List<TrialConfig> plannedTrials() {
        RawImages pool = ImageSource.of(spec.data()).trainingPool();
        List<TrialConfig> first = Strategies.forSpec(spec).nextTrials(List.of());
        int side = Math.min(pool.shape().height(), pool.shape().width());
        for (TrialConfig trial : first) {
            try {
                trial.model().finalFeatureSide(side);
            } catch (SpecException e) {
                throw new SpecException("search.space", "trial " + trial.trialId() + ": " + e.problem());
            }
        }
        return first;
    }

    public List<TrialResult> run(SparkSession spark) {
        plannedTrials();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SearchStrategy strategy = Strategies.forSpec(spec);
        TrialTask task = new TrialTask(spec.data(), spec.execution().seed());
        List<TrialResult> finished = new ArrayList<>();
        List<TrialConfig> wave;
        while (!(wave = strategy.nextTrials(finished)).isEmpty()) {
            jsc.setJobDescription("sparktune " + spec.name() + ": " + wave.size() + " trials");
            // One partition per trial, so each trial is its own task and a free core takes the next one.
            finished.addAll(jsc.parallelize(wave, wave.size()).map(task).collect());
        }
        return finished;
    }
}

package io.sparktune.run;

import io.sparktune.data.Cifar10Download;
import io.sparktune.data.DataFiles;
import io.sparktune.data.DataFingerprint;
import io.sparktune.data.DataKind;
import io.sparktune.data.DataSummary;
import io.sparktune.data.ImageSource;
import io.sparktune.input.SpecException;
import io.sparktune.model.CnnFactory;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.network.NetworkCheck;
import io.sparktune.results.WarmStart;
import io.sparktune.spark.ExecutorMemory;
import io.sparktune.spark.SearchJob;
import io.sparktune.spec.SearchSpec;
import io.sparktune.strategy.SearchPlan;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialWork;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;

/**
 * A search as the driver checks it before Spark starts, so a bad spec or file costs no start-up: the
 * earlier searches it learns from (search.warm_start), its plan, its data checked (every training file
 * read once) and fingerprinted, its path fixed for executors; and from those what its trials cost and
 * which it starts with. The {@link SearchJob} it makes only distributes them.
 */
public final class SearchSetup {
    private final SearchSpec spec;
    private final SearchPlan plan;
    private final DataSummary data;
    private final DataFingerprint fingerprint;
    private final List<WarmStart.Earlier> warmStart;
    private final TrialWork work;

    private SearchSetup(SearchSpec spec, SearchPlan plan, DataSummary data, DataFingerprint fingerprint,
                        List<WarmStart.Earlier> warmStart) {
        this.spec = spec;
        this.plan = plan;
        this.data = data;
        this.fingerprint = fingerprint;
        this.warmStart = warmStart;
        this.work = new TrialWork(spec.network(), data.shape(), data.classes().size(), trainingImages(spec, data));
    }

    /** Bad data fails here, before any task, with a message that names the file. */
    public static SearchSetup of(SearchSpec spec) {
        String folder = DataFiles.qualify(spec.data().path());
        // Listed once, by the warm-start check if an earlier search needs comparing, else after the data check.
        Supplier<DataFingerprint> files = DataFingerprint.once(folder, spec.data().kind());
        // First, so a spec the strategy cannot work with fails before data is read or anything written.
        List<WarmStart.Earlier> warmStart = WarmStart.load(spec, files);
        SearchPlan plan = SearchPlan.of(spec, warmStart.stream().flatMap(e -> e.trials().stream()).toList());
        if (spec.data().kind() == DataKind.CIFAR10 && spec.data().allowsDownload()) {
            Cifar10Download.official().ensurePresent(folder);
        }
        SearchSpec qualified = spec.withData(spec.data().withPath(folder));
        DataSummary data = DataSummary.of(folder, ImageSource.of(qualified.data(), spec.execution().seed()));
        NetworkCheck.check(spec.network(), plan.baselineModel(), data.shape(), data.classes().size());
        return new SearchSetup(qualified, plan, data, files.get(), warmStart);
    }

    /** The spec with its data path qualified, as executors and a resume see it. */
    public SearchSpec spec() {
        return spec;
    }

    public SearchPlan plan() {
        return plan;
    }

    public DataSummary data() {
        return data;
    }

    /** The data files this search reads, as a resume or a warm start compares them. */
    public DataFingerprint dataFingerprint() {
        return fingerprint;
    }

    /** The earlier searches whose trials TPE learns from (search.warm_start). */
    public List<WarmStart.Earlier> warmStart() {
        return warmStart;
    }

    public TrialWork work() {
        return work;
    }

    /** The job that runs this search's trials on Spark. */
    public SearchJob job() {
        return new SearchJob(spec, plan, work);
    }

    /** The trials the strategy starts with, in the order they will be handed to Spark. */
    public List<TrialConfig> firstWave() {
        return firstWave(List.of());
    }

    /** The trials the strategy starts with when {@code earlier} are already finished. */
    public List<TrialConfig> firstWave(List<TrialResult> earlier) {
        return spec.execution().trialOrder().arrange(plan.strategy().nextTrials(earlier),
                plan.strategy().ordersItsTrials(), work::perImage);
    }

    /** What each executor will hold beside its heap, for the trials the search starts with. */
    public ExecutorMemory executorMemory(SparkConf conf) {
        return ExecutorMemory.of(spec.network(), firstWave(), data.shape(), data.classes().size(), imagesUsed(spec, data), conf);
    }

    /** The epochs the plan expects to train (halving's promotions included) less those {@code earlier} trained. */
    public long epochsLeft(List<TrialResult> earlier) {
        long trained = earlier.stream().mapToLong(r -> r.epochs().size()).sum();
        return Math.max(0, plan.epochs() - trained);
    }

    /**
     * FLOPs per training image of what is left of the search as planned: the plan's expected epochs less
     * those {@code earlier} runs trained, at the mean cost of an epoch of {@code wave}, the trials it
     * starts with ({@link #firstWave(List)}).
     */
    public double plannedWork(List<TrialConfig> wave, List<TrialResult> earlier) {
        return work.meanPerImageEpoch(wave) * epochsLeft(earlier);
    }

    /**
     * Why each trial of the wave that cannot be built for these images cannot (too many conv blocks for
     * the image size). Such trials still run, and end as failed with that reason: one impossible corner
     * of a grid should not stop the rest of it.
     */
    public List<String> unbuildable(List<TrialConfig> wave) {
        int side = Math.min(data.shape().height(), data.shape().width());
        List<String> reasons = new ArrayList<>();
        if (!(spec.network() instanceof BuiltInNetwork)) {
            return reasons; // another network is checked whole before the search, by NetworkCheck
        }
        for (TrialConfig trial : wave) {
            try {
                CnnFactory.featureSide(trial.model(), side);
            } catch (SpecException e) {
                reasons.add("trial " + trial.trialId() + ": " + e.problem());
            }
        }
        return reasons;
    }

    /** Images in one training epoch, as the split will make it from the data the driver checked. */
    private static int trainingImages(SearchSpec spec, DataSummary data) {
        return (int) Math.round(imagesUsed(spec, data) * (1 - spec.data().validationFraction()));
    }

    /** Images the split draws from: all the data's, or max_train_images of them. */
    private static int imagesUsed(SearchSpec spec, DataSummary data) {
        Integer limit = spec.data().maxTrainImages();
        return limit == null ? data.images() : Math.min(limit, data.images());
    }
}

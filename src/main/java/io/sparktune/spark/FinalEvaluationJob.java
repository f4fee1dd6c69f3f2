package io.sparktune.spark;

import io.sparktune.data.DataFiles;
import io.sparktune.data.ImageSource;
import io.sparktune.data.LabeledImages;
import io.sparktune.data.RawImages;
import io.sparktune.model.Hyperparameters;
import io.sparktune.network.NetworkSource;
import io.sparktune.spec.SearchSpec;
import io.sparktune.strategy.SearchPlan;
import io.sparktune.trial.FinalResult;
import io.sparktune.trial.FinalTraining;
import io.sparktune.trial.Metrics;
import io.sparktune.trial.NetworkState;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * The winner checked against the baseline on data the search never saw: both are retrained on all the
 * search's images for the epochs each did best at (or their trials' own networks from those epochs are taken
 * as they are), side by side as two Spark tasks, scored on the test set and saved with DL4J's ModelSerializer.
 */
public final class FinalEvaluationJob {
    /**
     * One configuration to check: the search's best, or the spec's defaults; retrained for {@code epochs} of a
     * schedule spanning {@code scheduleEpochs}, or ({@code reuses}) its trial's own network from its best epoch
     * scored as it is.
     */
    public record Candidate(String role, Integer trialId, TrialConfig config, int epochs, int scheduleEpochs,
                            boolean reuses) implements Serializable {

        /** The same candidate scoring its trial's own network instead of retraining. */
        public Candidate reusing() {
            return new Candidate(role, trialId, config, epochs, scheduleEpochs, true);
        }

        /** Trained exactly alike: the same configuration, seed and epochs, whatever the role. */
        boolean sameTraining(Candidate other) {
            return config.model().equals(other.config.model()) && config.seed() == other.config.seed()
                    && epochs == other.epochs && scheduleEpochs == other.scheduleEpochs && reuses() == other.reuses()
                    && (!reuses() || java.util.Objects.equals(trialId, other.trialId));
        }
    }

    private FinalEvaluationJob() {
    }

    /**
     * The search's pick {@code best} (its best trial by the {@link Objective}, or the best confirmed) and the baseline, the spec's model defaults: as trained in
     * the search by the baseline trial if it got through an epoch, else for their epochs. Empty when no
     * trial ended well.
     */
    public static List<Candidate> candidates(SearchSpec spec, SearchPlan plan, Optional<TrialResult> best,
                                             List<TrialResult> results) {
        if (best.isEmpty()) {
            return List.of();
        }
        List<Candidate> candidates = new ArrayList<>();
        Objective objective = spec.objective();
        candidates.add(candidate(spec, "best", best.get(), objective));
        Optional<TrialResult> baseline = results.stream()
                .filter(r -> plan.isBaseline(r.trialId()) && objective.bestEpoch(r).isPresent())
                .findFirst();
        int baselineEpochs = plan.baselineModel().get(Hyperparameters.EPOCHS);
        candidates.add(baseline.map(r -> candidate(spec, "baseline", r, objective)).orElseGet(() -> new Candidate(
                "baseline", null, TrialConfig.of(0, plan.baselineModel(), spec.execution().seed()), baselineEpochs,
                schedule(spec, baselineEpochs), false)));
        return candidates;
    }

    private static Candidate candidate(SearchSpec spec, String role, TrialResult trial, Objective objective) {
        return new Candidate(role, trial.trialId(), new TrialConfig(trial.trialId(), trial.model(), trial.seed()),
                objective.bestEpoch(trial).orElseThrow().epoch(),
                schedule(spec, trial.model().get(Hyperparameters.EPOCHS)), false);
    }

    /** The epochs a trial's schedule spanned: halving's last rung's, else the trial's own. */
    private static int schedule(SearchSpec spec, int epochs) {
        return spec.halving() != null ? spec.halving().maxEpochs() : epochs;
    }

    /**
     * {@code reused}: the trials' own networks of the candidates that reuse theirs, by role; they reach the
     * executors as broadcasts, not inside tasks.
     */
    public static List<FinalResult> run(SparkSession spark, SearchSpec spec, List<Candidate> candidates,
                                        Map<String, NetworkState> reused,
                                        java.util.function.Function<String, String> modelPath) {
        // The driver checks the test files first, so a bad one is named here rather than in a failed task.
        RawImages testSet = ImageSource.of(spec.data(), spec.execution().seed()).testSet();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobGroup("sparktune-final-check", "final check on the test set (" + spec.name() + ")", true);
        // When the best trial is the baseline, one training serves both roles: the same seed, the same result.
        // twinOf[i]: the index in distinct of the training that candidate i's result comes from.
        List<Candidate> distinct = new ArrayList<>();
        int[] twinOf = new int[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            int twin = java.util.stream.IntStream.range(0, distinct.size())
                    .filter(d -> distinct.get(d).sameTraining(c)).findFirst().orElse(-1);
            if (twin < 0) {
                twin = distinct.size();
                distinct.add(c);
            }
            twinOf[i] = twin;
        }
        List<String> paths = distinct.stream().map(c -> modelPath.apply(c.role())).toList();
        ExecutorData images = ExecutorData.forFinalCheck(jsc, spec.data(), spec.execution().seed(), testSet);
        Broadcast<Map<String, NetworkState>> networks = jsc.broadcast(Map.copyOf(reused));
        FinalTask task = new FinalTask(images, ExecutorSetup.fromDriver(), paths, distinct, spec.network(), networks);
        List<FinalResult> trained = new ArrayList<>();
        try {
            // The networks come back with the results, and the driver saves them: the output folder may be
            // on a disk the executors' hosts cannot see.
            for (Trained t : jsc.parallelize(distinct, distinct.size()).map(task).collect()) {
                t.network().saveTo(t.result().modelPath());
                trained.add(t.result());
            }
        } finally {
            jsc.clearJobGroup(); // the tables and report written next are not the final check's jobs
            images.release();
            networks.destroy();
        }
        List<FinalResult> results = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            FinalResult twin = trained.get(twinOf[i]);
            if (twin.role().equals(c.role())) {
                results.add(twin);
            } else {
                String path = modelPath.apply(c.role());
                DataFiles.copy(twin.modelPath(), path);
                results.add(new FinalResult(c.role(), twin.trialId(), twin.model(), twin.epochs(), twin.seed(),
                        twin.test(), twin.testImages(), path, 0));
            }
        }
        return results;
    }

    /** A candidate's result and its network, for the driver to save where the result says. */
    private record Trained(FinalResult result, NetworkState network) implements Serializable {
    }

    /** Runs on an executor: with the driver's check above, the only code in sparktune that reads the test set. */
    private static final class FinalTask implements Function<Candidate, Trained> {
        private final ExecutorData data;
        private final ExecutorSetup setup;
        private final List<String> paths;
        private final List<Candidate> candidates;
        private final NetworkSource networks;
        private final Broadcast<Map<String, NetworkState>> reused;

        FinalTask(ExecutorData data, ExecutorSetup setup, List<String> paths, List<Candidate> candidates,
                  NetworkSource networks, Broadcast<Map<String, NetworkState>> reused) {
            this.reused = reused;
            this.data = data;
            this.networks = networks;
            this.setup = setup;
            this.paths = paths;
            this.candidates = candidates;
        }

        @Override
        public Trained call(Candidate candidate) {
            TestPoint.reach("final-check");
            setup.apply();
            LabeledImages test = data.testSet();
            // By role: a candidate comes back from serialisation as a copy, its network no longer the same object.
            String path = paths.get(java.util.stream.IntStream.range(0, candidates.size())
                    .filter(i -> candidates.get(i).role().equals(candidate.role())).findFirst().orElseThrow());
            if (candidate.reuses()) {
                NetworkState network = reused.value().get(candidate.role());
                Metrics scored = FinalTraining.score(network.restore(), test,
                        candidate.config().model().get(Hyperparameters.TTA));
                return new Trained(new FinalResult(candidate.role(), candidate.trialId(), candidate.config().model(),
                        candidate.epochs(), candidate.config().seed(), scored, test.size(), path, 0),
                        network);
            }
            FinalTraining.Trained trained = FinalTraining.run(networks, candidate.config(), candidate.epochs(),
                    candidate.scheduleEpochs(), data.searchImages(), test);
            return new Trained(new FinalResult(candidate.role(), candidate.trialId(), candidate.config().model(),
                    candidate.epochs(), candidate.config().seed(), trained.test(), test.size(), path, trained.seconds()),
                    NetworkState.forDl4j(trained.network()));
        }
    }
}

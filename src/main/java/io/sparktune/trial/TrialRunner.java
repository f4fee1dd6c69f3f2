package io.sparktune.trial;

import io.sparktune.data.DataException;
import io.sparktune.data.LabeledImages;
import io.sparktune.data.MinibatchGather;
import io.sparktune.data.MinibatchSplit;
import io.sparktune.data.TrainingData;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.NetworkInput;
import io.sparktune.model.TestTimeAugmentation;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.network.Network;
import io.sparktune.network.NetworkSource;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains and evaluates one trial in this JVM: builds the network, trains epoch by epoch on shuffled
 * minibatches, and evaluates on the validation split after each epoch. Knows nothing of Spark, so the same
 * code runs in a plain loop, a test, or an executor.
 */
public final class TrialRunner {
    /** Floor for the probability of the true class, so one confident mistake gives a large, finite loss. */
    private static final double MIN_PROBABILITY = 1e-7;

    private final NetworkSource networks;
    private final Consumer<EpochResult> afterEachEpoch;
    /** When not null, the network after the best epoch by this objective is kept for the final check. */
    private final Objective keepBest;

    /** Trains networks of the built-in family. */
    public TrialRunner() {
        this(BuiltInNetwork.INSTANCE);
    }

    public TrialRunner(NetworkSource networks) {
        this(networks, epoch -> { });
    }

    /**
     * {@code afterEachEpoch} sees each epoch's result as soon as validation has scored it, before the next
     * epoch starts; its own time counts in no epoch's seconds.
     */
    public TrialRunner(NetworkSource networks, Consumer<EpochResult> afterEachEpoch) {
        this(networks, afterEachEpoch, null);
    }

    /**
     * {@code keepBest}: the search's objective, when the final check may score a trial's own network rather
     * than retrain it (null: keep none); the outcome then carries the network after the best epoch.
     */
    public TrialRunner(NetworkSource networks, Consumer<EpochResult> afterEachEpoch, Objective keepBest) {
        this.networks = networks;
        this.afterEachEpoch = afterEachEpoch;
        this.keepBest = keepBest;
    }

    /** A trial that starts from a fresh network (not a later rung of successive halving). */
    public TrialResult run(TrialConfig trial, TrainingData data) {
        return train(trial, data, null).result();
    }

    /**
     * Trains {@code trial}, continuing from {@code from} (the network its previous rung handed back) when
     * its checkpoint says it has one. Under successive halving the outcome carries the network as it ends
     * this rung, for the driver to store; a trial that diverged, stuck or failed has none to continue from.
     */
    public TrialOutcome train(TrialConfig trial, TrainingData data, NetworkState from) {
        long start = System.nanoTime();
        long startedAt = System.currentTimeMillis();
        Checkpoint checkpoint = trial.checkpoint();
        if (checkpoint != null && checkpoint.hasNetwork() && from == null) {
            throw new IllegalArgumentException("trial " + trial.trialId() + " continues from " + checkpoint.from()
                    + ", but its network was not given");
        }
        List<EpochResult> epochs = new ArrayList<>(checkpoint == null ? List.of() : checkpoint.earlier());
        try {
            Network network = checkpoint != null && checkpoint.hasNetwork() ? from.restore()
                    : networks.build(trial.model(), NetworkInput.of(trial.model(), data.train(),
                            trial.scheduleEpochs(), data::trainChannelStats), trial.seed());
            Augmentation augmentation = Augmentation.of(trial.model(), trial.seed());
            Evaluation last = null;
            int lowestLossEpoch = 0;
            double lowestLoss = Double.POSITIVE_INFINITY;
            for (EpochResult earlier : epochs) {
                if (earlier.valLoss() < lowestLoss) {
                    lowestLoss = earlier.valLoss();
                    lowestLossEpoch = earlier.epoch();
                }
            }
            int patience = trial.model().get(Hyperparameters.EARLY_STOPPING_PATIENCE);
            double bestValue = Double.NaN;
            for (EpochResult earlier : epochs) {
                bestValue = keepBest == null || !Double.isFinite(keepBest.of(earlier)) ? bestValue
                        : keepBest.better(keepBest.of(earlier), bestValue);
            }
            NetworkState best = null;
            for (int epoch = epochs.size() + 1; epoch <= trial.model().get(Hyperparameters.EPOCHS); epoch++) {
                long epochStart = System.nanoTime();
                TrainedEpoch trained = trainEpoch(network, data.train(), trial, epoch, augmentation);
                double trainLoss = trained.meanLoss();
                if (!Double.isFinite(trainLoss)) {
                    epochs.add(new EpochResult(epoch, trainLoss, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN, Double.NaN, seconds(epochStart)));
                    return new TrialOutcome(result(trial, startedAt, TrialStatus.DIVERGED,
                            "training loss became " + trainLoss + " in epoch " + epoch, epochs, last, data, start), null);
                }
                last = new Evaluation(data.classNames(), 1);
                EpochResult result = validate(network, data, epoch, trained, last, epochStart,
                        trial.model().get(Hyperparameters.TTA));
                epochs.add(result);
                if (keepBest != null && Double.isFinite(keepBest.of(result)) && keepBest.beats(keepBest.of(result),
                        bestValue)) {
                    bestValue = keepBest.of(result);
                    // Kept as plain DL4J saves it: it may become the search's best model as it is.
                    best = NetworkState.forDl4j(network);
                }
                afterEachEpoch.accept(result);
                Optional<String> stuck = StuckRule.check(epochs, data.classNames().size(),
                        trial.model().get(Hyperparameters.STUCK_EPOCHS));
                if (stuck.isPresent()) {
                    return new TrialOutcome(result(trial, startedAt, TrialStatus.STUCK, stuck.get(), epochs, last, data,
                            start), null, best);
                }
                if (result.valLoss() < lowestLoss) {
                    lowestLoss = result.valLoss();
                    lowestLossEpoch = epoch;
                } else if (patience > 0 && epoch - lowestLossEpoch >= patience) {
                    break;
                }
            }
            // Serialised before the clock stops: handing the network on is part of the rung's cost.
            NetworkState state = checkpoint == null ? null : NetworkState.of(network);
            return new TrialOutcome(result(trial, startedAt, TrialStatus.OK, null, epochs, last, data, start), state,
                    best);
        } catch (UncheckedIOException | DataException e) {
            // Reading the data or a rung's network went wrong, not the trial: the task fails, so Spark runs
            // it again (and a rerun of the search would too), where a FAILED result would be final.
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e; // Spark is killing the task; let it see the kill rather than a "failed" trial.
            }
            return new TrialOutcome(result(trial, startedAt, TrialStatus.FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), epochs, null, data, start), null);
        }
    }

    static long epochSeed(long seed, int epoch) {
        return seed * 0x9E3779B97F4A7C15L + epoch;
    }

    /**
     * Trains epoch {@code epoch} of {@code trial}. Every random draw is seeded from (trial seed, epoch): the
     * minibatch order, the augmentation (its own generator, so switching it on does not change the order)
     * and ND4J's generator, which dropout draws from. A trial continued from a checkpoint, or retried on
     * another executor, so draws exactly what an unbroken one would, whatever the thread ran before.
     */
    static TrainedEpoch trainEpoch(Network network, LabeledImages train, TrialConfig trial, int epoch,
                                   Augmentation augmentation) {
        Nd4j.getRandom().setSeed(epochSeed(trial.seed() ^ 0x5DEECE66DL, epoch));
        TrainingTargets targets = TrainingTargets.of(trial.model(), train);
        targets.weigh(network);
        return trainOneEpoch(network, train, trial.model().get(Hyperparameters.BATCH_SIZE),
                epochOrder(trial.seed(), epoch, train.size()), augmentation,
                new Random(epochSeed(~trial.seed(), epoch)), epoch, targets, Lookahead.of(trial.model()));
    }

    /** The order in which epoch {@code epoch} of a trial with this seed visits {@code n} training images. */
    public static int[] epochOrder(long trialSeed, int epoch, int n) {
        return permutation(n, new Random(epochSeed(trialSeed, epoch)));
    }

    /**
     * What an epoch's training steps measured as they went: the mean minibatch loss (or the first non-finite
     * one, at which point training stopped) and the share of the epoch's images each step classified right
     * before it learnt from them.
     */
    record TrainedEpoch(double meanLoss, double accuracy) {
    }

    private static TrainedEpoch trainOneEpoch(Network network, LabeledImages train, int batchSize,
                                              int[] order, Augmentation augmentation, Random augmentRandom,
                                              int epoch, TrainingTargets targets, Lookahead lookahead) {
        RunningAccuracy accuracy = new RunningAccuracy(network);
        network.setListeners(accuracy);
        try {
            return trainSteps(network, train, batchSize, order, augmentation, augmentRandom, accuracy, epoch,
                    targets, lookahead);
        } finally {
            network.setListeners();
        }
    }

    private static TrainedEpoch trainSteps(Network network, LabeledImages train, int batchSize,
                                           int[] order, Augmentation augmentation, Random augmentRandom,
                                           RunningAccuracy accuracy, int epoch, TrainingTargets targets,
                                           Lookahead lookahead) {
        double weightedLoss = 0;
        MinibatchSplit split = new MinibatchSplit(order.length, batchSize);
        lookahead.startEpoch(network);
        try (MinibatchGather gather = new MinibatchGather(train)) {
            for (int step = 0; step < split.count(); step++) {
                int end = split.end(step);
                int[] rows = java.util.Arrays.copyOfRange(order, split.start(step), end);
                DataSet batch = gather.of(rows);
                if (!augmentation.isNone()) {
                    batch = new DataSet(augmentation.apply(batch.getFeatures(), augmentRandom, rows, epoch),
                            batch.getLabels());
                }
                DataSet learnt = targets.apply(batch);
                network.fit(learnt);
                lookahead.afterStep(network, end == order.length);
                if ((step + 1) % SubnormalFlush.EVERY == 0 || end == order.length) {
                    SubnormalFlush.apply(network);
                }
                double loss = network.score();
                if (!augmentation.isNone()) {
                    // Freed now: ND4J otherwise frees native memory only when the garbage collector finds
                    // its arrays, which weigh nothing on the heap, and a 10-epoch trial on 40,000 images
                    // grew 45% in resident memory over a 2-epoch one.
                    batch.getFeatures().close();
                }
                if (learnt != batch) {
                    targets.release(learnt);
                }
                if (!Double.isFinite(loss)) {
                    return new TrainedEpoch(loss, accuracy.accuracy());
                }
                weightedLoss += loss * rows.length;
            }
        }
        return new TrainedEpoch(weightedLoss / order.length, accuracy.accuracy());
    }

    /**
     * Scores the network on the validation split after epoch {@code epoch}, on the views {@code views} says;
     * {@code epochStart} times it.
     */
    static EpochResult validate(Network network, TrainingData data, int epoch, TrainedEpoch trained,
                                Evaluation evaluation, long epochStart, TestTimeAugmentation views) {
        double lossSum = 0;
        long count = 0;
        for (DataSet batch : data.validationBatches()) {
            INDArray output = TestViews.output(network, batch.getFeatures(), views);
            // Scored on the heap: DL4J's evaluation and the loss as ND4J ops added about 15% to the network's
            // forward pass, a handful of ops per minibatch each costing tens of microseconds of dispatch.
            HeapMatrix probabilities = HeapMatrix.of(output);
            output.close();
            HeapMatrix labels = HeapMatrix.of(batch.getLabels());
            for (int i = 0; i < labels.rows(); i++) {
                int actual = labels.argMax(i);
                evaluation.eval(probabilities.argMax(i), actual);
                lossSum -= Math.log(Math.max(probabilities.get(i, actual), MIN_PROBABILITY));
            }
            count += labels.rows();
        }
        Metrics metrics = Metrics.of(evaluation, data.classNames());
        return new EpochResult(epoch, trained.meanLoss(), trained.accuracy(), lossSum / count,
                metrics.accuracy(), metrics.precision(), metrics.recall(), metrics.f1(), seconds(epochStart));
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static TrialResult result(TrialConfig trial, long startedAt, TrialStatus status, String error,
                                      List<EpochResult> epochs, Evaluation last, TrainingData data, long start) {
        Metrics validation = last == null ? null : Metrics.of(last, data.classNames());
        return new TrialResult(trial.trialId(), trial.model(), trial.seed(), trial.rung(), status, error, epochs, validation,
                seconds(start), startedAt, System.currentTimeMillis(), null, null);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}

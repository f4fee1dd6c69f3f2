package io.sparktune.trial;

import io.sparktune.bench.BenchBatches;
import io.sparktune.bench.PeerTrainer;
import io.sparktune.data.ChannelStats;
import io.sparktune.data.MinibatchSplit;
import io.sparktune.data.TrainingData;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.network.Network;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The strong network in sparktune and in PyTorch (DJL) held in lock step: before every step the twin takes
 * DL4J's weights, so the two frameworks' arithmetic is compared on the same numbers instead of along two
 * trajectories. Left to run freely from the same start the two part within a few steps whatever their
 * arithmetic: Adam's first steps move every weight by about the learning rate in the sign of its gradient,
 * so a rounding difference in a tiny gradient becomes a difference of a whole step. Each step both
 * frameworks take an Adam step on the same minibatch from the same weights, each with its own optimizer
 * state; every reported step also computes both frameworks' gradients there. Printed: the gradients' and
 * the updates' agreement (cosine and norm ratio per parameter array, the worst of them), and after every
 * epoch both training accuracies (counted during the steps) and both validation accuracies (each with its
 * own running batch-norm statistics).
 * Run with {@code BENCH_PARTS=family-lockstep jobs/bench-train.sh [FOLDER] [IMAGES] [EPOCHS] [LR] [SEED]}.
 */
public final class FamilyLockstepBenchmark {
    public static void main(String[] args) throws Exception {
        Dl4jRuntime.configure();
        String folder = args.length > 0 ? args[0] : "../shared/data/cifar-10-batches-bin";
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        double lr = args.length > 3 ? Double.parseDouble(args[3]) : 0.001;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        TrainingData data = FamilyParityBenchmark.data(folder, images);
        Dl4jRuntime.limitThreads(1);
        ModelConfig model = FamilyParityBenchmark.strong(epochs).with(Hyperparameters.LEARNING_RATE, lr);
        TrialConfig trial = TrialConfig.of(1, model, seed); // as the parity benchmark's trials: same start, same order
        MultiLayerNetwork network = (MultiLayerNetwork) BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, data.train(),
                trial.scheduleEpochs(), data::trainChannelStats), trial.seed()).model();
        int batch = model.get(Hyperparameters.BATCH_SIZE);
        ChannelStats stats = data.trainChannelStats();
        BenchBatches validation = BenchBatches.of(data.validation(), TrialSpeedBenchmark.identity(
                data.validation().size()), batch).standardized(stats.mean(), stats.std());
        List<String> names = TwinLayout.names(network);
        System.out.printf(Locale.ROOT, "bench-train family lock step: the strong network, Adam lr %s, seed %d, %d"
                + " training images, %d epochs; before each step PyTorch takes DL4J's weights%n", lr, seed,
                data.train().size(), epochs);
        System.out.println("step, loss DL4J and PyTorch; gradients on the same weights: lowest cosine over the"
                + " parameter arrays, DL4J / PyTorch norm ratio range; the Adam steps taken from them: the same");
        Agreement allGradients = new Agreement();
        Agreement allUpdates = new Agreement();
        int step = 0;
        try (PeerTrainer twin = FamilyParityBenchmark.twin(lr)) {
            twin.reset(1, seed);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                int[] order = TrialRunner.epochOrder(trial.seed(), epoch, data.train().size());
                BenchBatches train = BenchBatches.of(data.train(), order, batch).standardized(stats.mean(), stats.std());
                MinibatchSplit split = new MinibatchSplit(order.length, batch);
                RunningAccuracy dl4jAccuracy = new RunningAccuracy(Network.of(network));
                network.setListeners(dl4jAccuracy);
                long twinCorrect = 0;
                for (int b = 0; b < train.features().size(); b++) {
                    step++;
                    DataSet minibatch = TrainingData.batch(data.train(), Arrays.copyOfRange(order, split.start(b),
                            split.end(b)));
                    List<float[]> before = TwinLayout.weights(network);
                    twin.startFrom(before);
                    boolean report = step <= 3 || step % 25 == 0;
                    String gradientLine = "";
                    if (report) {
                        network.setListeners(); // this pass is not a training step to count
                        network.setInput(minibatch.getFeatures());
                        network.setLabels(minibatch.getLabels());
                        network.computeGradientAndScore();
                        network.setListeners(dl4jAccuracy);
                        PeerTrainer.StepGradients theirs = twin.gradients(train, b);
                        // DL4J's gradients are sums over the minibatch; its updater divides them by its size.
                        Agreement gradients = Agreement.of(TwinLayout.gradients(network), theirs.gradients(),
                                train.size(b), names);
                        allGradients.add(gradients);
                        gradientLine = String.format(Locale.ROOT, "loss %.5f %.5f; gradients %s", network.score(),
                                theirs.loss(), gradients);
                    }
                    network.fit(minibatch);
                    twinCorrect += twin.trainStep(train, b);
                    Agreement updates = Agreement.of(minus(TwinLayout.weights(network), before),
                            minus(twin.weights(), before), 1, names);
                    allUpdates.add(updates);
                    if (report) {
                        System.out.printf(Locale.ROOT, "  %5d  %s; updates %s%n", step, gradientLine, updates);
                    }
                }
                EpochResult dl4j = TrialRunner.validate(Network.of(network), data, epoch, new TrialRunner.TrainedEpoch(0, 0),
                        new Evaluation(data.train().classes()), System.nanoTime(),
                        io.sparktune.model.TestTimeAugmentation.NONE);
                System.out.printf(Locale.ROOT, "after epoch %d: training accuracy DL4J %.4f, PyTorch %.4f; validation"
                        + " accuracy DL4J %.4f (%d images), PyTorch %.4f (%d)%n", epoch, dl4jAccuracy.accuracy(),
                        twinCorrect / (double) train.images(), dl4j.valAccuracy(), data.validation().size(),
                        twin.inferEpoch(validation), validation.images());
            }
        }
        System.out.printf(Locale.ROOT, "over all %d steps: gradients %s; updates %s%n", step, allGradients,
                allUpdates);
    }

    private static List<float[]> minus(List<float[]> after, List<float[]> before) {
        return java.util.stream.IntStream.range(0, after.size()).mapToObj(t -> {
            float[] d = new float[after.get(t).length];
            for (int i = 0; i < d.length; i++) {
                d[i] = after.get(t)[i] - before.get(t)[i];
            }
            return d;
        }).toList();
    }

    /** The worst agreement over parameter arrays: lowest cosine (and where), range of norm ratios. */
    private static final class Agreement {
        private double lowestCosine = 1;
        private String where = "-";
        private double lowestRatio = Double.POSITIVE_INFINITY;
        private double highestRatio = Double.NEGATIVE_INFINITY;

        static Agreement of(List<float[]> ours, List<float[]> theirs, double scale, List<String> names) {
            Agreement agreement = new Agreement();
            for (int t = 0; t < ours.size(); t++) {
                double dot = 0;
                double a = 0;
                double b = 0;
                for (int i = 0; i < ours.get(t).length; i++) {
                    double x = ours.get(t)[i] / scale;
                    double y = theirs.get(t)[i];
                    dot += x * y;
                    a += x * x;
                    b += y * y;
                }
                if (a == 0 && b == 0) {
                    continue;
                }
                double cosine = dot / Math.sqrt(a * b);
                if (cosine < agreement.lowestCosine) {
                    agreement.lowestCosine = cosine;
                    agreement.where = names.get(t);
                }
                double ratio = Math.sqrt(a / b);
                agreement.lowestRatio = Math.min(agreement.lowestRatio, ratio);
                agreement.highestRatio = Math.max(agreement.highestRatio, ratio);
            }
            return agreement;
        }

        void add(Agreement other) {
            if (other.lowestCosine < lowestCosine) {
                lowestCosine = other.lowestCosine;
                where = other.where;
            }
            lowestRatio = Math.min(lowestRatio, other.lowestRatio);
            highestRatio = Math.max(highestRatio, other.highestRatio);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "cosine >= %.6f (%s), ratio %.4f-%.4f", lowestCosine, where,
                    lowestRatio, highestRatio);
        }
    }
}

package io.sparktune.trial;

import io.sparktune.bench.BenchBatches;
import io.sparktune.bench.PeerTrainer;
import io.sparktune.data.ChannelStats;
import io.sparktune.data.DataCache;
import io.sparktune.data.DataKind;
import io.sparktune.data.DataSpec;
import io.sparktune.data.TrainingData;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.spec.SpecJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The family's strong network in sparktune against the same network in PyTorch (DJL): speed per epoch on
 * 1 thread and validation accuracy after each of 5 epochs, for Adam at 0.001 and 0.01. Same architecture,
 * same He-uniform scheme, same minibatches in the same order, same per-channel statistics; augmentation,
 * schedule and weight decay are off so that nothing differs but the frameworks. Each epoch's time includes
 * the validation pass on both sides, and both count training accuracy from their training steps. Batch
 * norm with a constant rate makes one run's validation accuracy swing by points from epoch to epoch, so
 * each rate runs with several seeds (each seed both frameworks' initialisation and minibatch order) and the
 * accuracies are compared as means.
 * Run with {@code BENCH_PARTS=family jobs/bench-train.sh [FOLDER] [IMAGES] [EPOCHS] [SEEDS] [RATES] [FIRST_SEED]}
 * (seeds FIRST_SEED, FIRST_SEED + 1, ...; 42 by default).
 */
public final class FamilyParityBenchmark {
    public static void main(String[] args) throws Exception {
        Dl4jRuntime.configure();
        String folder = args.length > 0 ? args[0] : "../shared/data/cifar-10-batches-bin";
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int seeds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        double[] rates = java.util.Arrays.stream((args.length > 4 ? args[4] : "0.001,0.01").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        long firstSeed = args.length > 5 ? Long.parseLong(args[5]) : 42;
        TrainingData data = data(folder, images);
        ModelConfig strong = strong(epochs);
        System.out.printf(Locale.ROOT, "bench-train family: 3 blocks of 2 same-padded 3x3 convs (32, 64, 128 filters)"
                + " with batch norm, global average pooling, He uniform, Adam; %d training and %d validation"
                + " images, %d epochs, 1 thread%n", data.train().size(), data.validation().size(), epochs);
        System.out.println("processor: " + io.sparktune.bench.CpuPeak.measure().model());
        Dl4jRuntime.limitThreads(1);
        ChannelStats stats = data.trainChannelStats();
        int batch = strong.get(Hyperparameters.BATCH_SIZE);
        BenchBatches validation = BenchBatches.of(data.validation(), TrialSpeedBenchmark.identity(data.validation().size()), batch)
                .standardized(stats.mean(), stats.std());
        for (double lr : rates) {
            List<Double> dl4jFinal = new ArrayList<>();
            List<Double> torchFinal = new ArrayList<>();
            List<Double> speed = new ArrayList<>();
            for (int k = 0; k < seeds; k++) {
                long seed = firstSeed + k;
                ModelConfig model = strong.with(Hyperparameters.LEARNING_RATE, lr);
                TrialConfig trial = TrialConfig.of(1, model, seed);
                TrialResult dl4j = new TrialRunner().run(trial, data);
                List<Double> dl4jSeconds = dl4j.epochs().stream().map(EpochResult::seconds).toList();
                List<Double> dl4jAccuracy = dl4j.epochs().stream().map(EpochResult::valAccuracy).toList();
                List<Double> dl4jTrainAccuracy = dl4j.epochs().stream().map(EpochResult::trainAccuracy).toList();

                PeerTrainer twin = twin(lr);
                twin.reset(1, seed);
                if (Boolean.getBoolean("bench.sameStart")) {
                    twin.startFrom(initialWeights(trial, data));
                }
                List<Double> torchSeconds = new ArrayList<>();
                List<Double> torchAccuracy = new ArrayList<>();
                List<Double> torchTrainAccuracy = new ArrayList<>();
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    BenchBatches train = BenchBatches.of(data.train(),
                            TrialRunner.epochOrder(trial.seed(), epoch, data.train().size()), batch)
                            .standardized(stats.mean(), stats.std());
                    long start = System.nanoTime();
                    twin.trainEpoch(train);
                    torchTrainAccuracy.add(twin.trainAccuracy());
                    torchAccuracy.add(twin.inferEpoch(validation));
                    torchSeconds.add((System.nanoTime() - start) / 1e9);
                }
                twin.close();
                System.out.printf(Locale.ROOT, "%nAdam lr %s, seed %d: epoch, DL4J seconds, PyTorch seconds, DL4J val"
                        + " accuracy, PyTorch val accuracy, DL4J training accuracy, PyTorch training accuracy (each"
                        + " counted during the epoch's steps)%n", lr, seed);
                for (int e = 0; e < epochs; e++) {
                    System.out.printf(Locale.ROOT, "  %d  %6.1f  %6.1f  %.4f  %.4f  %.4f  %.4f%n", e + 1,
                            e < dl4jSeconds.size() ? dl4jSeconds.get(e) : Double.NaN, torchSeconds.get(e),
                            e < dl4jAccuracy.size() ? dl4jAccuracy.get(e) : Double.NaN, torchAccuracy.get(e),
                            e < dl4jTrainAccuracy.size() ? dl4jTrainAccuracy.get(e) : Double.NaN,
                            torchTrainAccuracy.get(e));
                }
                double dl4jSteady = TrialSpeedBenchmark.median(dl4jSeconds.subList(1, dl4jSeconds.size()));
                double torchSteady = TrialSpeedBenchmark.median(torchSeconds.subList(1, torchSeconds.size()));
                speed.add(torchSteady / dl4jSteady);
                dl4jFinal.add(dl4jAccuracy.get(dl4jAccuracy.size() - 1));
                torchFinal.add(torchAccuracy.get(epochs - 1));
                System.out.printf(Locale.ROOT, "  steady-state DL4J / PyTorch speed: %.2f (%.1f s against %.1f s an"
                        + " epoch); val accuracy after epoch %d: DL4J %.4f, PyTorch %.4f%n", torchSteady / dl4jSteady,
                        dl4jSteady, torchSteady, epochs, dl4jFinal.get(k), torchFinal.get(k));
            }
            System.out.printf(Locale.ROOT, "%nAdam lr %s over %d seeds: val accuracy after epoch %d, DL4J %s, PyTorch"
                    + " %s, mean difference %+.1f points; steady-state speed DL4J / PyTorch, median %.2f%n", lr, seeds,
                    epochs, meanAndSd(dl4jFinal), meanAndSd(torchFinal),
                    100 * (mean(dl4jFinal) - mean(torchFinal)), TrialSpeedBenchmark.median(speed));
        }
    }

    /** {@code images} CIFAR-10 images from {@code folder}, a fifth of them for validation, split as a search would. */
    static TrainingData data(String folder, int images) {
        return DataCache.load(new DataSpec(DataKind.CIFAR10, folder, 0.2, images, false, null, null, null, null), 42);
    }

    /**
     * The strong network with augmentation, schedule and weight decay off, as the PyTorch twin builds it;
     * stuck trials are not cut short, since the twin could not be.
     */
    static ModelConfig strong(int epochs) {
        return ModelConfig.REFERENCE.overlay(SpecJson.mapper().valueToTree(Map.of("filters", 32,
                "conv_layers", 3, "convs_per_block", 2, "padding", "same", "batch_norm", true, "head",
                "global_avg", "weight_init", "he", "normalize", "per_channel", "epochs", epochs,
                "stuck_epochs", 0)), "");
    }

    /** The twin of {@link #strong}, Adam at {@code lr}. */
    static PeerTrainer twin(double lr) throws ReflectiveOperationException {
        // By name: the PyTorch twins are compiled only with the bench-djl profile.
        return (PeerTrainer) Class.forName("io.sparktune.bench.djl.DjlFamilyCnn")
                .getDeclaredConstructor(int.class, int.class, int.class, float.class).newInstance(32, 3, 2, (float) lr);
    }

    /**
     * The weights the trial runner's network starts from, as the twin lays them out: with
     * {@code -Dbench.sameStart=true} both frameworks start from the same numbers, so what differs after is
     * the frameworks' arithmetic alone.
     */
    private static List<float[]> initialWeights(TrialConfig trial, TrainingData data) {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork network = (org.deeplearning4j.nn.multilayer.MultiLayerNetwork)
                BuiltInNetwork.INSTANCE.build(trial.model(), io.sparktune.model.NetworkInput.of(trial.model(), data.train(), trial.scheduleEpochs(),
                        data::trainChannelStats), trial.seed()).model();
        return TwinLayout.weights(network);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String meanAndSd(List<Double> values) {
        double mean = mean(values);
        double sd = Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum()
                / Math.max(1, values.size() - 1));
        return String.format(Locale.ROOT, "%.4f +- %.4f", mean, sd);
    }
}

package io.sparktune.trial;

import io.sparktune.bench.BenchBatches;
import io.sparktune.bench.CpuPeak;
import io.sparktune.bench.PeerTrainer;
import io.sparktune.data.DataCache;
import io.sparktune.data.DataKind;
import io.sparktune.data.DataSpec;
import io.sparktune.data.MinibatchGather;
import io.sparktune.data.MinibatchSplit;
import io.sparktune.data.TrainingData;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkCost;
import io.sparktune.model.NetworkInput;
import io.sparktune.model.ReluActivation;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.network.Network;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Training speed over a whole trial, as a search trains it: the reference CNN through {@link TrialRunner}
 * (shuffled minibatches, training accuracy counted during the steps, validation every epoch) for enough
 * epochs to pass 1,500 Adam steps, each epoch's time printed, the steady state the median of the epochs
 * after the first.
 * PyTorch through DJL, when the bench-djl profile puts it on the classpath, trains the same images in the
 * same order per epoch and runs the same inference after each, each of its epochs right after the trial's.
 * 1 and 2 threads. Then a trial stuck at chance beside a learning one, and what a task spends besides
 * training. Run with jobs/bench-train.sh.
 */
public final class TrialSpeedBenchmark {
    public static void main(String[] args) throws Exception {
        Dl4jRuntime.configure();
        String folder = args.length > 0 ? args[0] : "../shared/data/cifar-10-batches-bin";
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        TrainingData data = DataCache.load(new DataSpec(DataKind.CIFAR10, folder, 0.2, images, false, null, null,
                null, null), 42);
        ModelConfig reference = ModelConfig.REFERENCE.with(Hyperparameters.EPOCHS, epochs);
        int batch = reference.get(Hyperparameters.BATCH_SIZE);
        int stepsPerEpoch = (data.train().size() + batch - 1) / batch;
        double flops = NetworkCost.trainingFlops(reference, data.shape(), 10);
        CpuPeak peak = CpuPeak.measure();
        System.out.printf(Locale.ROOT, "bench-train: reference CNN (%.2f MFLOP per training image), %d training and"
                        + " %d validation images, %d epochs of %d steps = %d steps%n", flops / 1e6, data.train().size(),
                data.validation().size(), epochs, stepsPerEpoch, epochs * stepsPerEpoch);
        System.out.println("processor: " + peak.model());
        System.out.println("peak: " + peak.derivation());

        if ("overheads".equals(System.getProperty("bench.parts"))) {
            Dl4jRuntime.limitThreads(1);
            try (PeerTrainer twin = loadTwin()) {
                overheads(data, reference, twin);
            }
            return;
        }
        if ("kernels".equals(System.getProperty("bench.parts"))) {
            Dl4jRuntime.limitThreads(1);
            kernels(data, ModelConfig.REFERENCE.with(Hyperparameters.EPOCHS, Math.min(epochs, 6)), "reference CNN");
            kernels(FamilyParityBenchmark.data(folder, 2_500), FamilyParityBenchmark.strong(4),
                    "the family's strong network");
            return;
        }
        if ("subnormals".equals(System.getProperty("bench.parts"))) {
            Dl4jRuntime.limitThreads(1);
            subnormals(data, Math.max(epochs, 10));
            return;
        }
        PeerTrainer twin = loadTwin();
        double[] dl4j = new double[3];
        double[] torch = new double[3];
        for (int threads = 1; threads <= 2; threads++) {
            Dl4jRuntime.limitThreads(threads);
            // The twin trains each epoch right after the trial's, so a machine whose speed drifts during the
            // run slows both alike.
            List<Double> twinSeconds = new ArrayList<>();
            TrialRunner runner = twin == null ? new TrialRunner()
                    : new TrialRunner(BuiltInNetwork.INSTANCE, twinEpochs(twin, threads, data, batch, twinSeconds));
            TrialResult result = runner.run(TrialConfig.of(1, reference, 42), data);
            List<Double> seconds = result.epochs().stream().map(EpochResult::seconds).toList();
            dl4j[threads] = data.train().size() / median(seconds.subList(1, seconds.size()));
            print("DL4J (sparktune trial)", threads, seconds, data.train().size(), flops, peak,
                    result.lastEpoch().orElseThrow().valAccuracy());
            if (twin != null) {
                torch[threads] = data.train().size() / median(twinSeconds.subList(1, twinSeconds.size()));
                print(twin.name(), threads, twinSeconds, data.train().size(), flops, peak, Double.NaN);
                System.out.printf(Locale.ROOT, "steady-state DL4J / PyTorch, %d thread(s): %.2f%n", threads,
                        dl4j[threads] / torch[threads]);
            }
        }
        Dl4jRuntime.limitThreads(1);
        kernels(data, ModelConfig.REFERENCE.with(Hyperparameters.EPOCHS, Math.min(epochs, 6)), "reference CNN");
        stuckAgainstLearning(data, Math.min(epochs, 6));
        subnormals(data, 10);
        overheads(data, reference, twin);
        if (twin != null) {
            twin.close();
        }
    }

    private static void print(String who, int threads, List<Double> seconds, int images, double flops, CpuPeak peak,
                              double accuracy) {
        double first = seconds.get(0);
        List<Double> later = seconds.subList(1, seconds.size());
        double steady = median(later);
        double worst = later.stream().mapToDouble(Double::doubleValue).max().orElse(first);
        StringBuilder each = new StringBuilder();
        seconds.forEach(s -> each.append(String.format(Locale.ROOT, " %.2f", s)));
        System.out.printf(Locale.ROOT, "%n%s, %d thread(s): epoch seconds%s%n", who, threads, each);
        System.out.printf(Locale.ROOT, "  first %.2f s, steady state (median of the rest) %.2f s = %.0f img/s, slowest"
                        + " later epoch %+.1f%% against the first, %.1f%% of %d cores' peak%s%n", first, steady,
                images / steady, 100 * (worst / first - 1), 100 * images / steady * flops / 1e9
                        / (peak.gflopsPerCore() * threads), threads,
                Double.isNaN(accuracy) ? "" : String.format(Locale.ROOT, ", final val accuracy %.4f", accuracy));
    }

    /**
     * An observer of the trial's epochs that has the twin train the same epoch's minibatches, in the trial's
     * order, counting its training accuracy from its training steps as the trial runner does, then infer as
     * the trial validates; each such epoch's seconds go to {@code seconds}.
     */
    private static Consumer<EpochResult> twinEpochs(PeerTrainer twin, int threads, TrainingData data, int batch,
                                                    List<Double> seconds) {
        twin.reset(threads, 42);
        BenchBatches validation = BenchBatches.of(data.validation(), identity(data.validation().size()), batch);
        long seed = TrialConfig.of(1, ModelConfig.REFERENCE, 42).seed();
        return trialEpoch -> {
            BenchBatches train = BenchBatches.of(data.train(),
                    TrialRunner.epochOrder(seed, trialEpoch.epoch(), data.train().size()), batch);
            long start = System.nanoTime();
            twin.trainEpoch(train);
            twin.inferEpoch(validation);
            seconds.add((System.nanoTime() - start) / 1e9);
        };
    }

    /** A trial stuck at chance (lr 0.1: its ReLUs die at once) against a learning one, epoch by epoch. */
    private static void stuckAgainstLearning(TrainingData data, int epochs) {
        System.out.printf(Locale.ROOT, "%nA trial stuck at chance against a learning one (1 thread, %d epochs):%n",
                epochs);
        // Alternated, twice, so drifts of the machine's speed fall on both alike.
        for (int round = 1; round <= 2; round++) {
            for (double lr : new double[] {0.001, 0.1}) {
                // stuck_epochs 0: the stuck trial must run all its epochs to be timed.
                ModelConfig model = ModelConfig.REFERENCE.with(Hyperparameters.LEARNING_RATE, lr)
                        .with(Hyperparameters.EPOCHS, epochs).with(Hyperparameters.STUCK_EPOCHS, 0);
                TrialResult r = new TrialRunner().run(TrialConfig.of(1, model, 42), data);
                StringBuilder each = new StringBuilder();
                r.epochs().forEach(e -> each.append(String.format(Locale.ROOT, " %.2f", e.seconds())));
                System.out.printf(Locale.ROOT, "  round %d, lr %-6s val accuracy %.3f, epoch seconds%s, median %.2f%n",
                        round, lr, r.bestValAccuracy(), each,
                        median(r.epochs().stream().map(EpochResult::seconds).toList()));
            }
        }
    }

    /**
     * The trial runner's training steps on DL4J's first convolution and ReLU, then with sparktune's first
     * convolution (no input gradient), then with its ReLU backward pass too: the same network, weights and
     * minibatches, epoch by epoch in turn.
     */
    private static void kernels(TrainingData data, ModelConfig model, String name) {
        int epochs = model.get(Hyperparameters.EPOCHS);
        System.out.printf(Locale.ROOT, "%nsparktune's kernels against DL4J's, %s, %d training images (1 thread, %d"
                + " epochs each, in turn):%n", name, data.train().size(), epochs);
        TrialConfig trial = TrialConfig.of(1, model, 42);
        NetworkInput input = NetworkInput.of(model, data.train(), epochs);
        MultiLayerNetwork both = (MultiLayerNetwork) BuiltInNetwork.INSTANCE.build(model, input, trial.seed()).model();
        MultiLayerNetwork firstConv = dl4jKernels(both, true);
        MultiLayerNetwork dl4j = dl4jKernels(both, false);
        String[] names = {"DL4J's first convolution and ReLU", "+ sparktune's first convolution",
                "+ sparktune's ReLU backward pass"};
        MultiLayerNetwork[] networks = {dl4j, firstConv, both};
        List<List<Double>> seconds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Augmentation augmentation = Augmentation.of(model, 0);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int n = 0; n < networks.length; n++) {
                long t = System.nanoTime();
                TrialRunner.trainEpoch(Network.of(networks[n]), data.train(), trial, epoch, augmentation);
                seconds.get(n).add(since(t));
            }
        }
        double base = median(seconds.get(0).subList(1, epochs));
        for (int n = 0; n < networks.length; n++) {
            StringBuilder each = new StringBuilder();
            seconds.get(n).forEach(v -> each.append(String.format(Locale.ROOT, " %.2f", v)));
            double steady = median(seconds.get(n).subList(1, epochs));
            System.out.printf(Locale.ROOT, "  %-36s epoch seconds%s; median after the first %.2f s = %.1f ms a step,"
                    + " %.1f%% less than the first%n", names[n], each, steady, 1000 * steady / input.stepsPerEpoch(),
                    100 * (1 - steady / base));
        }
    }

    /**
     * The same network with the same weights on DL4J's ReLU and, unless {@code keepFirstConv}, DL4J's helper
     * for the first convolution; everything else as sparktune prepares a network.
     */
    private static MultiLayerNetwork dl4jKernels(MultiLayerNetwork ours, boolean keepFirstConv) {
        MultiLayerNetwork network = new MultiLayerNetwork(
                ReluActivation.withDl4jRelu(ours.getLayerWiseConfigurations()));
        network.init(ours.params().dup(), false);
        Network.of(network).prepare();
        if (!keepFirstConv) {
            try {
                Field helper = ConvolutionLayer.class.getDeclaredField("helper");
                helper.setAccessible(true);
                helper.set(network.getLayer(0), new MKLDNNConvHelper(DataType.FLOAT));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return network;
    }

    /**
     * The trial runner's training steps with and without {@link SubnormalFlush}: each epoch's time and
     * loss, and how many values of the optimizer's state are subnormal after it. Training only, so the two
     * differ in the flush alone.
     */
    private static void subnormals(TrainingData data, int epochs) {
        System.out.printf(Locale.ROOT, "%nAdam's state with and without the subnormal flush (1 thread, %d epochs):%n",
                epochs);
        ModelConfig model = ModelConfig.REFERENCE.with(Hyperparameters.EPOCHS, epochs);
        TrialConfig trial = TrialConfig.of(1, model, 42);
        for (boolean flush : new boolean[] {false, true}) {
            MultiLayerNetwork network = (MultiLayerNetwork) BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, data.train(), epochs), trial.seed()).model();
            long stateSize = network.getUpdater().getStateViewArray().length();
            for (int epoch = 1; epoch <= epochs; epoch++) {
                org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(TrialRunner.epochSeed(trial.seed(), epoch));
                int[] order = TrialRunner.epochOrder(trial.seed(), epoch, data.train().size());
                double loss = 0;
                long start = System.nanoTime();
                for (int s = 0, step = 1; s < order.length; s += 64, step++) {
                    network.fit(TrainingData.batch(data.train(),
                            Arrays.copyOfRange(order, s, Math.min(order.length, s + 64))));
                    loss += network.score();
                    if (flush && (step % SubnormalFlush.EVERY == 0 || s + 64 >= order.length)) {
                        SubnormalFlush.apply(Network.of(network));
                    }
                }
                System.out.printf(Locale.ROOT, "  %-13s epoch %2d: %5.2f s, mean loss %.4f, subnormal state values"
                                + " %,d of %,d%n", flush ? "with flush" : "without flush", epoch, since(start),
                        loss / ((order.length + 63) / 64), SubnormalFlush.subnormals(Network.of(network)), stateSize);
            }
        }
    }

    /**
     * What a task spends besides training steps, against the training time of one epoch; and, when there is
     * a twin, its forward pass over the same validation images.
     */
    private static void overheads(TrainingData data, ModelConfig reference, PeerTrainer twin) throws Exception {
        ModelConfig one = reference.with(Hyperparameters.EPOCHS, 1);
        TrialConfig trial = TrialConfig.of(1, one, 42);
        int rounds = 5;
        List<Double> build = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        List<Double> batches = new ArrayList<>();
        List<Double> validate = new ArrayList<>();
        List<Double> forward = new ArrayList<>();
        List<Double> counting = new ArrayList<>();
        List<Double> save = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        List<Double> deflate = new ArrayList<>();
        List<Double> inflate = new ArrayList<>();
        int saved = 0;
        int deflatedSize = 0;
        for (int round = 0; round < rounds; round++) {
            long t = System.nanoTime();
            MultiLayerNetwork network = (MultiLayerNetwork) BuiltInNetwork.INSTANCE.build(one, NetworkInput.of(one, data.train(), 1), trial.seed()).model();
            build.add(since(t));
            t = System.nanoTime();
            TrialRunner.trainEpoch(Network.of(network), data.train(), trial, 1, Augmentation.of(one, trial.seed()));
            train.add(since(t));
            t = System.nanoTime();
            int[] order = TrialRunner.epochOrder(trial.seed(), 1, data.train().size());
            MinibatchSplit split = new MinibatchSplit(order.length, one.get(Hyperparameters.BATCH_SIZE));
            try (MinibatchGather gather = new MinibatchGather(data.train())) {
                for (int b = 0; b < split.count(); b++) {
                    gather.of(Arrays.copyOfRange(order, split.start(b), split.end(b)));
                }
            }
            batches.add(since(t));
            t = System.nanoTime();
            TrialRunner.validate(Network.of(network), data, 1, new TrialRunner.TrainedEpoch(0, 0),
                    new Evaluation(data.classNames(), 1), t, io.sparktune.model.TestTimeAugmentation.NONE);
            validate.add(since(t));
            t = System.nanoTime();
            for (DataSet batch : data.validationBatches()) {
                network.output(batch.getFeatures(), false).close();
            }
            forward.add(since(t));
            counting.add(countingSeconds(network, data, order));
            t = System.nanoTime();
            ByteArrayOutputStream deflated = new ByteArrayOutputStream();
            ModelSerializer.writeModel(network, deflated, true);
            deflate.add(since(t));
            t = System.nanoTime();
            ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(deflated.toByteArray()), true);
            inflate.add(since(t));
            t = System.nanoTime();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            NetworkState.write(Network.of(network), bytes);
            save.add(since(t));
            saved = bytes.size();
            deflatedSize = deflated.size();
            t = System.nanoTime();
            NetworkState.read(new ByteArrayInputStream(bytes.toByteArray()));
            load.add(since(t));
        }
        // Medians: the first round's network build may be the JVM's first (class loading, up to 0.4 s), which
        // a search pays once per executor, not once per task.
        double epoch = median(train);
        Share share = seconds -> String.format(Locale.ROOT, "%.3f s (%.1f%%)", seconds, 100 * seconds / epoch);
        System.out.printf(Locale.ROOT, "%nInside a 1-epoch task on %d images (1 thread, median of %d rounds): training"
                        + " steps %.2f s, of which building the minibatches %s and counting the training accuracy %s%n",
                data.train().size(), rounds, epoch, share.of(median(batches)), share.of(median(counting)));
        System.out.printf(Locale.ROOT, "  besides: validation on %d images %s, of which the network's forward pass %s;"
                        + " network build %s (the JVM's first: %.3f s); checkpoint save (%d KB stored, with updater) %s,"
                        + " load %s%n", data.validation().size(), share.of(median(validate)), share.of(median(forward)),
                share.of(median(build)), build.get(0), saved / 1024, share.of(median(save)), share.of(median(load)));
        double steps = median(batches) + median(counting) + median(validate) - median(forward);
        double starts = steps + median(build) + median(save);
        double continues = steps + median(load) + median(save);
        System.out.printf(Locale.ROOT, "  all of it but validation's forward pass: %.1f%% in a task that starts a trial"
                        + " (builds its network, saves it), %.1f%% in one that continues a trial (loads, saves);"
                        + " with the forward pass %.1f%% and %.1f%%%n", 100 * starts / epoch, 100 * continues / epoch,
                100 * (starts + median(forward)) / epoch, 100 * (continues + median(forward)) / epoch);
        System.out.printf(Locale.ROOT, "  the same checkpoint deflated, as ModelSerializer writes it: %d KB, save %s,"
                + " load %s%n", deflatedSize / 1024, share.of(median(deflate)), share.of(median(inflate)));
        if (twin != null) {
            twin.reset(1, 42);
            BenchBatches validation = BenchBatches.of(data.validation(), identity(data.validation().size()),
                    TrainingData.INFERENCE_BATCH);
            List<Double> twinForward = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long t = System.nanoTime();
                twin.inferEpoch(validation);
                twinForward.add(since(t));
            }
            System.out.printf(Locale.ROOT, "  %s's forward pass over the same validation images, minibatches of %d:"
                            + " %.3f s (DL4J's: %.3f s)%n", twin.name(), TrainingData.INFERENCE_BATCH,
                    median(twinForward), median(forward));
        }
        inferenceBatches(data, one, trial);
    }

    /** Seconds as a share of an epoch, for printing. */
    private interface Share {
        String of(double seconds);
    }

    /**
     * Scoring the validation images in minibatches of several sizes, in turn, six rounds: the size
     * validation and the final check use ({@link TrainingData#INFERENCE_BATCH}) against larger ones, whose
     * layer outputs no longer fit the processor's cache.
     */
    private static void inferenceBatches(TrainingData data, ModelConfig model, TrialConfig trial) {
        MultiLayerNetwork network = (MultiLayerNetwork) BuiltInNetwork.INSTANCE.build(model, NetworkInput.of(model, data.train(), 1), trial.seed()).model();
        int[] sizes = {TrainingData.INFERENCE_BATCH, 128, 500, 1000};
        List<List<DataSet>> batches = Arrays.stream(sizes)
                .mapToObj(size -> TrainingData.batchesInOrder(data.validation(), size)).toList();
        List<List<Double>> seconds = Arrays.stream(sizes).mapToObj(size -> (List<Double>) new ArrayList<Double>())
                .toList();
        for (int round = 0; round < 6; round++) {
            for (int n = 0; n < sizes.length; n++) {
                long t = System.nanoTime();
                for (DataSet batch : batches.get(n)) {
                    network.output(batch.getFeatures(), false).close();
                }
                seconds.get(n).add(since(t));
            }
        }
        StringBuilder each = new StringBuilder();
        for (int n = 0; n < sizes.length; n++) {
            each.append(String.format(Locale.ROOT, "%s %d: %.3f s", n == 0 ? "" : ",", sizes[n],
                    median(seconds.get(n))));
        }
        System.out.printf(Locale.ROOT, "  inference on the %d validation images by minibatch size (median of 6 rounds,"
                + " in turn):%s%n", data.validation().size(), each);
    }

    /** What counting the training accuracy costs over an epoch's steps: the listener's own work, timed alone. */
    private static double countingSeconds(MultiLayerNetwork network, TrainingData data, int[] order) {
        RunningAccuracy counter = new RunningAccuracy(Network.of(network));
        double seconds = 0;
        for (int s = 0; s < order.length; s += 64) {
            DataSet batch = TrainingData.batch(data.train(), Arrays.copyOfRange(order, s, Math.min(order.length, s + 64)));
            List<INDArray> activations = network.feedForwardToLayer(network.getnLayers() - 2, batch.getFeatures(), true);
            network.setLabels(batch.getLabels());
            long t = System.nanoTime();
            counter.onForwardPass(network, activations);
            seconds += since(t);
        }
        return seconds;
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static int[] identity(int n) {
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static PeerTrainer loadTwin() throws Exception {
        try {
            return (PeerTrainer) Class.forName("io.sparktune.bench.djl.DjlReferenceCnn").getDeclaredConstructor()
                    .newInstance();
        } catch (ClassNotFoundException e) {
            System.out.println("PyTorch (DJL): not on the classpath (run with -Pbench-djl, as jobs/bench-train.sh does)");
            return null;
        }
    }
}

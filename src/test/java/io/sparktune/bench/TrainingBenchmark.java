package io.sparktune.bench;

import io.sparktune.data.Cifar10Reader;
import io.sparktune.data.ImageShape;
import io.sparktune.data.RawImages;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkCost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Training and inference speed of the reference CNN (conv 32 3x3 -> max-pool 2x2 -> dense 128 -> softmax 10,
 * Adam 0.001, batch 64, float32) for one epoch of real CIFAR-10, with 1 and 2 threads. DL4J as sparktune
 * runs it, alternating with PyTorch through DJL on the identical minibatches when the bench-djl profile
 * puts it on the classpath. Run with jobs/bench-train.sh.
 */
public final class TrainingBenchmark {
    private static final int WARMUP_BATCHES = 20;

    public static void main(String[] args) throws Exception {
        io.sparktune.trial.Dl4jRuntime.configure();
        String folder = args.length > 0 ? args[0] : "../shared/data/cifar-10-batches-bin";
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        RawImages all = new Cifar10Reader(folder).trainingPool();
        RawImages raw = all.subset(java.util.stream.IntStream.range(0, images).toArray());
        BenchBatches batches = BenchBatches.of(raw, 64);
        BenchBatches warmup = new BenchBatches(batches.features().subList(0, WARMUP_BATCHES),
                batches.labels().subList(0, WARMUP_BATCHES), 64, batches.shape(), batches.classes());

        ImageShape shape = raw.shape();
        double trainFlops = NetworkCost.trainingFlops(ModelConfig.REFERENCE, shape, 10);
        double inferFlops = NetworkCost.forwardFlops(ModelConfig.REFERENCE, shape, 10);
        CpuPeak peak = CpuPeak.detect();
        System.out.printf(Locale.ROOT, "%n=== %s: natives %s, DL4J helpers %s%n", System.getProperty("bench.variant",
                "sparktune"), "nd4j-native linux-x86_64" + System.getProperty("org.bytedeco.javacpp.platform.extension"),
                "false".equals(System.getProperty("org.eclipse.deeplearning4j.helpers.disable")) ? "on" : "off");
        System.out.printf(Locale.ROOT, "bench-train: reference CNN, %d CIFAR-10 images (%d batches of 64) per epoch,"
                + " %d round(s)%n", batches.images(), batches.features().size(), rounds);
        System.out.printf(Locale.ROOT, "FLOPs per image: training %.2f M (forward + weight gradients + input gradients"
                + " below the first layer), inference %.2f M%n", trainFlops / 1e6, inferFlops / 1e6);
        System.out.println("peak: " + peak.derivation());

        List<PeerTrainer> trainers = new ArrayList<>();
        trainers.add(new Dl4jReferenceCnn());
        PeerTrainer peer = Boolean.parseBoolean(System.getProperty("bench.peer", "true")) ? loadPeer() : null;
        if (peer != null) {
            trainers.add(peer);
        } else {
            System.out.println("PyTorch (DJL): not in this run");
        }

        System.out.printf(Locale.ROOT, "%n%-30s %7s %12s %12s %10s %10s %9s%n", "framework", "threads", "train img/s",
                "infer img/s", "train loss", "accuracy", "% of peak");
        double[][] trainRate = new double[trainers.size()][3];
        for (int threads = 1; threads <= 2; threads++) {
            for (int round = 0; round < rounds; round++) {
                for (int t = 0; t < trainers.size(); t++) {
                    PeerTrainer trainer = trainers.get(t);
                    trainer.reset(threads, 42);
                    trainer.trainEpoch(warmup);
                    long start = System.nanoTime();
                    double loss = trainer.trainEpoch(batches);
                    double trainSeconds = (System.nanoTime() - start) / 1e9;
                    start = System.nanoTime();
                    double accuracy = trainer.inferEpoch(batches);
                    double inferSeconds = (System.nanoTime() - start) / 1e9;
                    double train = batches.images() / trainSeconds;
                    double infer = batches.images() / inferSeconds;
                    trainRate[t][threads] = Math.max(trainRate[t][threads], train);
                    double percent = 100 * train * trainFlops / 1e9 / (peak.gflopsPerCore() * threads);
                    System.out.printf(Locale.ROOT, "%-30s %7d %12.0f %12.0f %10.4f %10.4f %8.1f%%%n", trainer.name(),
                            threads, train, infer, loss, accuracy, percent);
                }
            }
        }
        minibatchCost(raw, trainRate[0][1]);
        if (peer != null) {
            for (int threads = 1; threads <= 2; threads++) {
                System.out.printf(Locale.ROOT, "DL4J / PyTorch training speed, %d thread(s): %.2f (best of %d)%n",
                        threads, trainRate[0][threads] / trainRate[1][threads], rounds);
            }
        }
        for (PeerTrainer trainer : trainers) {
            trainer.close();
        }
    }

    /**
     * What sparktune's trial runner does each epoch besides training: shuffle and gather the epoch's
     * minibatches from the JVM's one copy of the data. Printed against the epoch's training time.
     */
    private static void minibatchCost(RawImages raw, double trainImagesPerSecond) {
        io.sparktune.data.LabeledImages images = raw.all();
        java.util.Random random = new java.util.Random(1);
        long start = System.nanoTime();
        int rounds = 5;
        for (int round = 0; round < rounds; round++) {
            java.util.List<Integer> order = new java.util.ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, random);
            for (int s = 0; s + 64 <= order.size(); s += 64) {
                int[] rows = order.subList(s, s + 64).stream().mapToInt(Integer::intValue).toArray();
                io.sparktune.data.TrainingData.batch(images, rows);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9 / rounds;
        double epochSeconds = images.size() / trainImagesPerSecond;
        System.out.printf(Locale.ROOT, "%nbuilding one epoch's shuffled minibatches (%d images): %.0f ms, %.1f%% of"
                + " the epoch's training time on 1 thread; building them once per JVM would save no more%n",
                images.size(), seconds * 1000, 100 * seconds / epochSeconds);
    }

    private static PeerTrainer loadPeer() throws Exception {
        try {
            return (PeerTrainer) Class.forName("io.sparktune.bench.djl.DjlReferenceCnn").getDeclaredConstructor()
                    .newInstance();
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}

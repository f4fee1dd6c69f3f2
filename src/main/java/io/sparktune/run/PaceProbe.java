package io.sparktune.run;

import io.sparktune.data.ImageShape;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import io.sparktune.network.Network;
import io.sparktune.network.NetworkSource;
import io.sparktune.trial.Dl4jRuntime;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * This machine's pace on the search's own network, measured before the first search on networks of its size:
 * the baseline trained on a few minibatches of random images on the driver, at the trial's threads and batch
 * size, after two steps of warm-up. A trial also scores its validation images every epoch (once per test-time
 * view, a forward pass being about a third of a training step), so the pace is slowed by that share, as the
 * pace a finished search measures is. Networks differ fivefold in FLOP rate, so an assumed rate was off by
 * half; this one is the network's own. A failure to measure leaves the assumed rate.
 */
final class PaceProbe {
    private static final int WARM_UP = 2;
    private static final int STEPS = 4;
    /** Steps stop being timed after this long: a large network's few steps say enough. */
    private static final double ENOUGH_SECONDS = 20;

    private PaceProbe() {
    }

    /** FLOPs per core-second, and how many minibatches were timed. */
    record Pace(double flopsPerCoreSecond, int minibatches) {
    }

    static Optional<Pace> measure(NetworkSource networks, ModelConfig baseline, ImageShape shape, int classes,
                                  int threads, int trainingImages, int validationImages) {
        try {
            Dl4jRuntime.limitThreads(threads);
            int batch = Math.max(1, Math.min(baseline.get(Hyperparameters.BATCH_SIZE), trainingImages));
            Network network = networks.build(baseline, NetworkInput.withoutImages(shape, classes,
                    Math.max(1, trainingImages / batch), baseline.get(Hyperparameters.EPOCHS)), 1);
            INDArray images = Nd4j.rand(DataType.FLOAT, batch, shape.channels(), shape.height(), shape.width());
            INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, classes);
            for (int i = 0; i < batch; i++) {
                labels.putScalar(i, i % classes, 1);
            }
            DataSet minibatch = new DataSet(images, labels);
            for (int i = 0; i < WARM_UP; i++) {
                network.fit(minibatch);
            }
            long start = System.nanoTime();
            int steps = 0;
            while (steps < STEPS && (System.nanoTime() - start) / 1e9 < ENOUGH_SECONDS) {
                network.fit(minibatch);
                steps++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double flops = networks.trainingFlops(baseline, shape, classes) * batch * steps;
            double validationShare = validationImages * baseline.get(Hyperparameters.TTA).views() / 3.0
                    / Math.max(1, trainingImages);
            return Optional.of(new Pace(flops / seconds / threads / (1 + validationShare), steps));
        } catch (RuntimeException | OutOfMemoryError e) {
            return Optional.empty();
        }
    }
}

package io.sparktune.bench.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import io.sparktune.bench.BenchBatches;
import io.sparktune.bench.PeerTrainer;

/** What every PyTorch twin shares: a DJL trainer, its training and inference passes over fixed minibatches. */
abstract class DjlTrainer implements PeerTrainer {
    private Model model;
    private Trainer trainer;
    private double trainAccuracy = Double.NaN;

    @Override
    public String name() {
        return "PyTorch " + ai.djl.engine.Engine.getEngine("PyTorch").getVersion() + " (DJL)";
    }

    /** A fresh network from {@code block}, trained as {@code config} says, on this many threads. */
    final void start(String name, Block block, DefaultTrainingConfig config, int threads, long seed) {
        close();
        // Loading the engine loads the native library, which the thread settings below call into.
        ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        JniUtils.setNumThreads(threads);
        model = Model.newInstance(name, "PyTorch");
        model.setBlock(block);
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(64, 3, 32, 32));
    }

    @Override
    public double trainEpoch(BenchBatches batches) {
        NDManager manager = trainer.getManager();
        double lossSum = 0;
        long correct = 0;
        for (int b = 0; b < batches.features().size(); b++) {
            try (NDManager step = manager.newSubManager()) {
                NDList x = new NDList(step.create(batches.features().get(b), shape(batches, b)));
                NDList y = new NDList(step.create(batches.labels().get(b)));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList prediction = trainer.forward(x, y);
                    NDArray loss = trainer.getLoss().evaluate(y, prediction);
                    collector.backward(loss);
                    lossSum += loss.getFloat();
                    correct += correct(prediction.singletonOrThrow(), batches.labels().get(b));
                }
                trainer.step();
            }
        }
        trainAccuracy = (double) correct / batches.images();
        return lossSum / batches.features().size();
    }

    @Override
    public double trainAccuracy() {
        return trainAccuracy;
    }

    @Override
    public void startFrom(java.util.List<float[]> weights) {
        java.util.Iterator<float[]> next = weights.iterator();
        for (var pair : model.getBlock().getParameters()) {
            ai.djl.nn.Parameter parameter = pair.getValue();
            ai.djl.nn.Parameter.Type type = parameter.getType();
            if (type == ai.djl.nn.Parameter.Type.RUNNING_MEAN || type == ai.djl.nn.Parameter.Type.RUNNING_VAR) {
                continue; // zeros and ones in both frameworks
            }
            NDArray array = parameter.getArray();
            array.set(next.next());
        }
        if (next.hasNext()) {
            throw new IllegalArgumentException("more weights given than the network has");
        }
    }

    @Override
    public double inferEpoch(BenchBatches batches) {
        NDManager manager = trainer.getManager();
        long correct = 0;
        for (int b = 0; b < batches.features().size(); b++) {
            try (NDManager step = manager.newSubManager()) {
                NDList x = new NDList(step.create(batches.features().get(b), shape(batches, b)));
                correct += correct(trainer.evaluate(x).singletonOrThrow(), batches.labels().get(b));
            }
        }
        return (double) correct / batches.images();
    }

    private static long correct(NDArray logits, int[] labels) {
        long[] predicted = logits.argMax(1).toLongArray();
        long correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return correct;
    }

    private static Shape shape(BenchBatches batches, int b) {
        return new Shape(batches.size(b), batches.shape().channels(), batches.shape().height(),
                batches.shape().width());
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.close();
            trainer = null;
        }
        if (model != null) {
            model.close();
            model = null;
        }
    }
}

package io.sparktune.bench.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.sparktune.bench.BenchBatches;
import io.sparktune.bench.PeerTrainer;

/** The reference CNN in PyTorch through DJL: conv 32 3x3 -> ReLU -> max-pool 2x2 -> dense 128 -> ReLU -> 10. */
public final class DjlReferenceCnn implements PeerTrainer {
    private Model model;
    private Trainer trainer;

    @Override
    public String name() {
        return "PyTorch " + ai.djl.engine.Engine.getEngine("PyTorch").getVersion() + " (DJL)";
    }

    @Override
    public void reset(int threads, long seed) {
        close();
        // Loading the engine loads the native library, which the thread settings below call into.
        ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        JniUtils.setNumThreads(threads);
        SequentialBlock block = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(32).build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(10).build());
        model = Model.newInstance("reference-cnn", "PyTorch");
        model.setBlock(block);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).build());
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(64, 3, 32, 32));
    }

    @Override
    public double trainEpoch(BenchBatches batches) {
        NDManager manager = trainer.getManager();
        double lossSum = 0;
        for (int b = 0; b < batches.features().size(); b++) {
            try (NDManager step = manager.newSubManager()) {
                NDList x = new NDList(step.create(batches.features().get(b), shape(batches)));
                NDList y = new NDList(step.create(batches.labels().get(b)));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList prediction = trainer.forward(x, y);
                    NDArray loss = trainer.getLoss().evaluate(y, prediction);
                    collector.backward(loss);
                    lossSum += loss.getFloat();
                }
                trainer.step();
            }
        }
        return lossSum / batches.features().size();
    }

    @Override
    public double inferEpoch(BenchBatches batches) {
        NDManager manager = trainer.getManager();
        long correct = 0;
        for (int b = 0; b < batches.features().size(); b++) {
            try (NDManager step = manager.newSubManager()) {
                NDList x = new NDList(step.create(batches.features().get(b), shape(batches)));
                NDArray predicted = trainer.evaluate(x).singletonOrThrow().argMax(1);
                int[] labels = batches.labels().get(b);
                long[] p = predicted.toLongArray();
                for (int i = 0; i < labels.length; i++) {
                    correct += p[i] == labels[i] ? 1 : 0;
                }
            }
        }
        return (double) correct / batches.images();
    }

    private static Shape shape(BenchBatches batches) {
        return new Shape(batches.batchSize(), batches.shape().channels(), batches.shape().height(),
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

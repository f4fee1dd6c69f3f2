package io.sparktune.bench.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.sparktune.bench.BenchBatches;
import io.sparktune.bench.PeerTrainer;

/**
 * The family's strong member in PyTorch through DJL, built as sparktune builds it: {@code blocks} blocks of
 * {@code convs} same-padded 3x3 convolutions without bias, each followed by batch norm (DJL's defaults:
 * running averages kept with momentum 0.9 and epsilon 1e-5, as DL4J's) and ReLU, a 2x2 max-pool per block, global average pooling and a
 * linear softmax layer; He-uniform weights; Adam at a constant rate.
 */
public final class DjlFamilyCnn implements PeerTrainer {
    private final int filters;
    private final int blocks;
    private final int convs;
    private final float learningRate;
    private Model model;
    private Trainer trainer;

    public DjlFamilyCnn(int filters, int blocks, int convs, float learningRate) {
        this.filters = filters;
        this.blocks = blocks;
        this.convs = convs;
        this.learningRate = learningRate;
    }

    @Override
    public String name() {
        return "PyTorch " + ai.djl.engine.Engine.getEngine("PyTorch").getVersion() + " (DJL)";
    }

    @Override
    public void reset(int threads, long seed) {
        close();
        ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        JniUtils.setNumThreads(threads);
        SequentialBlock block = new SequentialBlock();
        for (int b = 0; b < blocks; b++) {
            for (int c = 0; c < convs; c++) {
                block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .setFilters(filters << b).optBias(false).build());
                block.add(BatchNorm.builder().build());
                block.add(Activation::relu);
            }
            block.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        block.add(Pool.globalAvgPool2dBlock());
        block.add(Blocks.batchFlattenBlock());
        block.add(Linear.builder().setUnits(10).build());
        model = Model.newInstance("family-cnn", "PyTorch");
        model.setBlock(block);
        // He uniform: U(-sqrt(6 / fan_in), sqrt(6 / fan_in)), as DL4J's RELU_UNIFORM.
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                        XavierInitializer.FactorType.IN, 6), Parameter.Type.WEIGHT)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build());
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
                long[] predicted = trainer.evaluate(x).singletonOrThrow().argMax(1).toLongArray();
                int[] labels = batches.labels().get(b);
                for (int i = 0; i < labels.length; i++) {
                    correct += predicted[i] == labels[i] ? 1 : 0;
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

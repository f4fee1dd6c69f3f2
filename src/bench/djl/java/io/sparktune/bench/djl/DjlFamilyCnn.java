package io.sparktune.bench.djl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The family's strong member in PyTorch through DJL, built as sparktune builds it: {@code blocks} blocks of
 * {@code convs} same-padded 3x3 convolutions without bias, each followed by batch norm (DJL's defaults:
 * running averages kept with momentum 0.9 and epsilon 1e-5, as DL4J's) and ReLU, a 2x2 max-pool per block, global average pooling and a
 * linear softmax layer; He-uniform weights; Adam at a constant rate.
 */
public final class DjlFamilyCnn extends DjlTrainer {
    private final int filters;
    private final int blocks;
    private final int convs;
    private final float learningRate;

    public DjlFamilyCnn(int filters, int blocks, int convs, float learningRate) {
        this.filters = filters;
        this.blocks = blocks;
        this.convs = convs;
        this.learningRate = learningRate;
    }

    @Override
    public void reset(int threads, long seed) {
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
        // He uniform: U(-sqrt(6 / fan_in), sqrt(6 / fan_in)), as DL4J's RELU_UNIFORM.
        start("family-cnn", block, new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                        XavierInitializer.FactorType.IN, 6), Parameter.Type.WEIGHT)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build()),
                threads, seed);
    }
}

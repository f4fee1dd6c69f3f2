package io.sparktune.model;

import static io.sparktune.model.Hyperparameters.ACTIVATION;
import static io.sparktune.model.Hyperparameters.BATCH_NORM;
import static io.sparktune.model.Hyperparameters.BATCH_NORM_MOMENTUM;
import static io.sparktune.model.Hyperparameters.CONVS_PER_BLOCK;
import static io.sparktune.model.Hyperparameters.CONV_LAYERS;
import static io.sparktune.model.Hyperparameters.DENSE_UNITS;
import static io.sparktune.model.Hyperparameters.DROPOUT;
import static io.sparktune.model.Hyperparameters.HEAD;
import static io.sparktune.model.Hyperparameters.KERNEL_SIZE;
import static io.sparktune.model.Hyperparameters.L2;
import static io.sparktune.model.Hyperparameters.NORMALIZE;
import static io.sparktune.model.Hyperparameters.PADDING;
import static io.sparktune.model.Hyperparameters.PATCH_WHITENING;
import static io.sparktune.model.Hyperparameters.WEIGHT_DECAY;
import static io.sparktune.model.Hyperparameters.WEIGHT_INIT;

import io.sparktune.data.ImageShape;
import io.sparktune.input.SpecException;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the DL4J network a {@link ModelConfig} describes (to train it as sparktune does, prepare it as
 * {@code network.Network} does):
 * the layers {@link FamilyLayout} lays out (by default {@code [conv (-> batch norm) -> activation] x
 * convs_per_block -> max-pool 2x2}, conv_layers times), then either {@code dense (-> batch norm) -> activation}
 * or a global pool, then dropout and softmax.
 */
public final class CnnFactory {
    private CnnFactory() {
    }

    public static MultiLayerNetwork build(ModelConfig config, NetworkInput input, long seed) {
        ImageShape shape = input.shape();
        featureSide(config, Math.min(shape.height(), shape.width()));
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(TrainingUpdater.of(config, input))
                .weightInit(config.get(WEIGHT_INIT).dl4j())
                .convolutionMode(config.get(PADDING) == Padding.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (config.get(L2) > 0) {
            base.l2(config.get(L2));
        }
        if (config.get(WEIGHT_DECAY) > 0) {
            // Applied after the updater and scaled by the current learning rate: AdamW's decoupled decay.
            base.weightDecay(config.get(WEIGHT_DECAY), true);
        }
        boolean batchNorm = config.get(BATCH_NORM);
        IActivation activation = config.get(ACTIVATION).function();
        IActivation identity = org.nd4j.linalg.activations.Activation.IDENTITY.getActivationFunction();
        NeuralNetConfiguration.ListBuilder layers = base.list();
        for (FamilyLayout.Step step : FamilyLayout.of(config).steps()) {
            layers.layer(layer(step, config, shape, activation));
        }
        // Batch norm comes between a layer and its activation, so the layer itself stays linear.
        IActivation layerActivation = batchNorm ? identity : activation;
        if (config.get(HEAD) == Head.DENSE) {
            layers.layer(new DenseLayer.Builder()
                    .nOut(config.get(DENSE_UNITS))
                    .hasBias(!batchNorm)
                    .activation(layerActivation)
                    .build());
            normalized(layers, batchNorm, activation, config.get(BATCH_NORM_MOMENTUM));
        } else {
            layers.layer(new GlobalPoolingLayer.Builder(config.get(HEAD) == Head.GLOBAL_MAX ? PoolingType.MAX
                    : PoolingType.AVG).build());
        }
        OutputLayer.Builder output = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(input.classes())
                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX);
        if (config.get(DROPOUT) > 0) {
            // DL4J's dropOut takes the probability of *keeping* a unit, applied to this layer's input.
            output.dropOut(1.0 - config.get(DROPOUT));
        }
        layers.layer(output.build());
        if (config.get(NORMALIZE) == Normalization.PER_CHANNEL) {
            if (input.channels() == null) {
                throw new IllegalArgumentException("normalize per_channel needs the training images' statistics");
            }
            layers.inputPreProcessor(0, ChannelStandardize.of(input.channels()));
        }
        MultiLayerConfiguration conf = layers
                .setInputType(InputType.convolutional(shape.height(), shape.width(), shape.channels()))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        if (config.get(PATCH_WHITENING)) {
            if (input.whitening() == null) {
                throw new IllegalArgumentException("patch_whitening needs the training images' patch covariance");
            }
            network.getLayer(0).setParam("W", input.whitening().weights());
        }
        return network;
    }

    private static Layer layer(FamilyLayout.Step step, ModelConfig config, ImageShape shape, IActivation activation) {
        if (step instanceof FamilyLayout.Whiten) {
            return new ConvolutionLayer.Builder(2, 2)
                    .nOut(FamilyLayout.whiteningFilters(shape.channels()))
                    .convolutionMode(ConvolutionMode.Truncate)
                    .hasBias(false)
                    .activation(activation)
                    // Frozen: its weights are the whitening computed from the data, never a gradient's. DL4J's
                    // NoOp updater would not do: it passes the gradient on unchanged, a step at rate 1. At rate 0
                    // weight decay (applied at the learning rate) and l2 (added to the gradient) change nothing.
                    .updater(new Sgd(0))
                    .build();
        }
        if (step instanceof FamilyLayout.Conv c) {
            return new ConvolutionLayer.Builder(c.kernel(), c.kernel())
                    .nOut(c.filters())
                    .hasBias(c.bias())
                    .activation(c.activated() ? activation
                            : org.nd4j.linalg.activations.Activation.IDENTITY.getActivationFunction())
                    .build();
        }
        if (step instanceof FamilyLayout.Norm) {
            return new BatchNormalization.Builder().decay(config.get(BATCH_NORM_MOMENTUM)).build();
        }
        if (step instanceof FamilyLayout.Act) {
            return new ActivationLayer.Builder(activation).build();
        }
        // Pooling floors an odd side whatever the padding, as Keras and PyTorch do by default.
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(2, 2).stride(2, 2).convolutionMode(ConvolutionMode.Truncate).build();
    }

    /** The batch norm and activation that follow the dense layer, when batch norm is on. */
    private static void normalized(NeuralNetConfiguration.ListBuilder layers, boolean batchNorm,
                                   IActivation activation, double momentum) {
        if (batchNorm) {
            layers.layer(new BatchNormalization.Builder().decay(momentum).build());
            layers.layer(new ActivationLayer.Builder(activation).build());
        }
    }

    /**
     * The side of the feature map that reaches the head, or an error saying which block makes it vanish.
     * Valid convolutions shrink the map by kernel_size - 1 each (the whitening one by 1); same ones keep it;
     * every block's pooling halves it.
     */
    public static int featureSide(ModelConfig config, int inputSide) {
        int blocks = config.get(CONV_LAYERS);
        int kernel = config.get(KERNEL_SIZE);
        long side = inputSide;
        for (FamilyLayout.Placed placed : FamilyLayout.of(config).placed(inputSide, 1)) {
            boolean pool = placed.step() instanceof FamilyLayout.Pool;
            if ((pool && placed.inSide() < 2) || placed.outSide() < 1) {
                int block = placed.step() instanceof FamilyLayout.Pool p ? p.block()
                        : placed.step() instanceof FamilyLayout.Conv c ? c.block() : 0;
                throw new SpecException("model.conv_layers",
                        "an input of " + inputSide + "x" + inputSide + " pixels is too small for " + blocks
                                + " conv blocks with kernel_size " + kernel + " (" + config.get(CONVS_PER_BLOCK)
                                + " " + config.get(PADDING).specName() + " convolution(s) each; block " + block
                                + " leaves " + Math.max(pool ? placed.inSide() : placed.outSide(), 0) + " pixels to "
                                + (pool ? "pool" : "convolve") + "); use fewer conv_layers, a smaller kernel_size or"
                                + " padding same");
            }
            side = placed.outSide();
        }
        return (int) side;
    }
}

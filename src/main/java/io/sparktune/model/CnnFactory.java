package io.sparktune.model;

import static io.sparktune.model.Hyperparameters.ACTIVATION;
import static io.sparktune.model.Hyperparameters.CONV_LAYERS;
import static io.sparktune.model.Hyperparameters.DENSE_UNITS;
import static io.sparktune.model.Hyperparameters.DROPOUT;
import static io.sparktune.model.Hyperparameters.FILTERS;
import static io.sparktune.model.Hyperparameters.KERNEL_SIZE;
import static io.sparktune.model.Hyperparameters.L2;
import static io.sparktune.model.Hyperparameters.LEARNING_RATE;
import static io.sparktune.model.Hyperparameters.OPTIMIZER;

import io.sparktune.data.ImageShape;
import io.sparktune.input.SpecException;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Builds the DL4J network a {@link ModelConfig} describes, for a given input shape and class count. */
public final class CnnFactory {
    private CnnFactory() {
    }

    public static MultiLayerNetwork build(ModelConfig config, ImageShape input, int classes, long seed) {
        featureSide(config, Math.min(input.height(), input.width()));
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(config.get(OPTIMIZER).updater(config.get(LEARNING_RATE)))
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (config.get(L2) > 0) {
            base.l2(config.get(L2));
        }
        NeuralNetConfiguration.ListBuilder layers = base.list();
        for (int block = 0; block < config.get(CONV_LAYERS); block++) {
            layers.layer(new ConvolutionLayer.Builder(config.get(KERNEL_SIZE), config.get(KERNEL_SIZE))
                    .nOut((long) config.get(FILTERS) << block)
                    .activation(config.get(ACTIVATION).dl4j())
                    .build());
            layers.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2).stride(2, 2).build());
        }
        layers.layer(new DenseLayer.Builder()
                .nOut(config.get(DENSE_UNITS))
                .activation(config.get(ACTIVATION).dl4j())
                .build());
        OutputLayer.Builder output = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(classes)
                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX);
        if (config.get(DROPOUT) > 0) {
            // DL4J's dropOut takes the probability of *keeping* a unit, applied to this layer's input.
            output.dropOut(1.0 - config.get(DROPOUT));
        }
        layers.layer(output.build());
        MultiLayerConfiguration conf = layers
                .setInputType(InputType.convolutional(input.height(), input.width(), input.channels()))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    /**
     * The side of the feature map that reaches the dense layer, or an error saying which block makes it
     * vanish. Convolutions are unpadded, like the reference CNN, so each block shrinks the map.
     */
    public static int featureSide(ModelConfig config, int inputSide) {
        int side = inputSide;
        int blocks = config.get(CONV_LAYERS);
        int kernel = config.get(KERNEL_SIZE);
        for (int block = 0; block < blocks; block++) {
            side = side - kernel + 1;
            if (side < 2) {
                throw new SpecException("model.conv_layers",
                        "an input of " + inputSide + "x" + inputSide + " pixels is too small for " + blocks
                                + " conv blocks with kernel_size " + kernel + " (block " + (block + 1)
                                + " leaves " + side + " pixels); use fewer conv_layers or a smaller kernel_size");
            }
            side = side / 2;
        }
        return side;
    }
}

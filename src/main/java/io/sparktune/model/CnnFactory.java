package io.sparktune.model;

import io.sparktune.data.ImageShape;
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
        config.finalFeatureSide(Math.min(input.height(), input.width()));
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(config.optimizer().updater(config.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (config.l2() > 0) {
            base.l2(config.l2());
        }
        NeuralNetConfiguration.ListBuilder layers = base.list();
        for (int block = 0; block < config.convLayers(); block++) {
            layers.layer(new ConvolutionLayer.Builder(config.kernelSize(), config.kernelSize())
                    .nOut((long) config.filters() << block)
                    .activation(config.activation().dl4j())
                    .build());
            layers.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2).stride(2, 2).build());
        }
        layers.layer(new DenseLayer.Builder()
                .nOut(config.denseUnits())
                .activation(config.activation().dl4j())
                .build());
        OutputLayer.Builder output = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(classes)
                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX);
        if (config.dropout() > 0) {
            // DL4J's dropOut takes the probability of *keeping* a unit, applied to this layer's input.
            output.dropOut(1.0 - config.dropout());
        }
        layers.layer(output.build());
        MultiLayerConfiguration conf = layers
                .setInputType(InputType.convolutional(input.height(), input.width(), input.channels()))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }
}

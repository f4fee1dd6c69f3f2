package io.sparktune.network;

import io.sparktune.api.NetworkBuilder;
import io.sparktune.api.NetworkRequest;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small residual network as a user would write it with DL4J's graph builder: a stem convolution, one
 * residual block (two convolutions with batch norm, the block's input added back), max pooling, dropout and
 * softmax over the flattened map; as a builder, its width is the trial's {@code user.width} (8 without one).
 * Its own updater (plain SGD) and l2 are what a trial's settings must replace.
 */
public final class ResidualGraph implements NetworkBuilder {
    public static ComputationGraphConfiguration configuration(int channels, int height, int width, int classes,
                                                              int width1, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Sgd(0.5))
                .l2(0.01)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(height, width, channels))
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).nOut(width1).activation(Activation.IDENTITY)
                        .build(), "image")
                .addLayer("stem_bn", new BatchNormalization.Builder().build(), "stem")
                .addLayer("stem_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "stem_bn")
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(width1).activation(Activation.IDENTITY).build(),
                        "stem_relu")
                .addLayer("a_bn", new BatchNormalization.Builder().build(), "a")
                .addLayer("a_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "a_bn")
                .addLayer("b", new ConvolutionLayer.Builder(3, 3).nOut(width1).activation(Activation.IDENTITY).build(),
                        "a_relu")
                .addLayer("b_bn", new BatchNormalization.Builder().build(), "b")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "b_bn", "stem_relu")
                .addLayer("sum_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "sum")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(4, 4)
                        .stride(4, 4).build(), "sum_relu")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).dropOut(0.8).build(), "pool")
                .setOutputs("out")
                .build();
    }

    @Override
    public NeuralNetwork build(NetworkRequest request) {
        int width = request.hyperparameters().containsKey("user.width") ? request.intValue("user.width") : 8;
        ComputationGraph graph = new ComputationGraph(configuration(request.channels(), request.height(),
                request.width(), request.classes(), width, request.seed()));
        graph.init();
        return graph;
    }
}

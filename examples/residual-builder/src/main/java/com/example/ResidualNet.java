package com.example;

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
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small ResNet for sparktune to tune: a stem convolution, then {@code user.blocks} stages of one residual
 * block each (two 3x3 convolutions with batch norm, the stage's input added back), the first at
 * {@code user.width} channels and each later one twice as wide at half the resolution, then a global average
 * and softmax. The trial's optimizer, learning rate, schedule and weight decay are sparktune's to set.
 */
public final class ResidualNet implements NetworkBuilder {
    @Override
    public String name() {
        return "residual";
    }

    @Override
    public NeuralNetwork build(NetworkRequest request) {
        int blocks = request.intValue("user.blocks");
        int width = request.intValue("user.width");
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(request.seed())
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(request.height(), request.width(), request.channels()));
        String last = convBnRelu(graph, "stem", "image", width);
        for (int stage = 0; stage < blocks; stage++) {
            int channels = width << stage;
            if (stage > 0) {
                // Halve the resolution and widen: a 1x1 projection so the skip matches the block's output.
                graph.addLayer("down" + stage, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), last);
                last = convBnRelu(graph, "widen" + stage, "down" + stage, channels);
            }
            String a = convBnRelu(graph, "block" + stage + "a", last, channels);
            graph.addLayer("block" + stage + "b", new ConvolutionLayer.Builder(3, 3).nOut(channels).hasBias(false)
                    .activation(Activation.IDENTITY).build(), a);
            graph.addLayer("block" + stage + "b_bn", new BatchNormalization.Builder().build(), "block" + stage + "b");
            graph.addVertex("block" + stage + "sum", new ElementWiseVertex(ElementWiseVertex.Op.Add),
                    "block" + stage + "b_bn", last);
            graph.addLayer("block" + stage + "out", new ActivationLayer.Builder().activation(Activation.RELU).build(),
                    "block" + stage + "sum");
            last = "block" + stage + "out";
        }
        graph.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
                .addLayer("softmax", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(request.classes()).activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("softmax");
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }

    private static String convBnRelu(ComputationGraphConfiguration.GraphBuilder graph, String name, String input,
                                     int channels) {
        graph.addLayer(name, new ConvolutionLayer.Builder(3, 3).nOut(channels).hasBias(false)
                .activation(Activation.IDENTITY).build(), input);
        graph.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
        graph.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
        return name + "_relu";
    }
}

package io.sparktune.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hands layers that read images channels last (a Keras model's, NHWC) the images as sparktune holds them,
 * channels first (NCHW): a transpose on the way in, and its inverse for the gradient on the way back. Part
 * of the network's configuration, so a saved network takes the same images its search did.
 */
public final class ChannelsLast implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    @JsonCreator
    public ChannelsLast() {
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, input.permute(0, 2, 3, 1), 'c');
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return output == null ? null : workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output.permute(0, 3, 1, 2), 'c');
    }

    @Override
    public InputPreProcessor clone() {
        return new ChannelsLast();
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (inputType instanceof InputType.InputTypeConvolutional images && images.getFormat() == CNN2DFormat.NCHW) {
            return InputType.convolutional(images.getHeight(), images.getWidth(), images.getChannels(),
                    CNN2DFormat.NHWC);
        }
        return inputType;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelsLast;
    }

    @Override
    public int hashCode() {
        return ChannelsLast.class.hashCode();
    }
}

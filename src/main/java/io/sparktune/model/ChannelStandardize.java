package io.sparktune.model;

import io.sparktune.data.ChannelStats;
import java.util.Arrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Standardises each channel of the network's input, (x - mean) / std, with statistics fixed when the
 * network was built. Being part of the network, it is saved with it: a checkpoint, the best model a search
 * saves and anyone who loads it later feed it raw [0, 1] pixels, and validation and test images get the
 * training images' statistics without being looked at.
 */
public final class ChannelStandardize implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private final float[] mean;
    @JsonProperty
    private final float[] std;

    @JsonCreator
    public ChannelStandardize(@JsonProperty("mean") float[] mean, @JsonProperty("std") float[] std) {
        this.mean = mean.clone();
        this.std = std.clone();
    }

    public static ChannelStandardize of(ChannelStats stats) {
        return new ChannelStandardize(stats.mean(), stats.std());
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = workspaceMgr.dup(ArrayType.ACTIVATIONS, input, 'c');
        Nd4j.getExecutioner().exec(new BroadcastSubOp(out, Nd4j.create(mean), out, 1));
        Nd4j.getExecutioner().exec(new BroadcastDivOp(out, Nd4j.create(std), out, 1));
        return out;
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (output == null) {
            return null;
        }
        INDArray gradient = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output, 'c');
        Nd4j.getExecutioner().exec(new BroadcastDivOp(gradient, Nd4j.create(std), gradient, 1));
        return gradient;
    }

    @Override
    public InputPreProcessor clone() {
        return new ChannelStandardize(mean, std);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return inputType;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelStandardize c && Arrays.equals(c.mean, mean) && Arrays.equals(c.std, std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }
}

package io.sparktune.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's GELU with a backward pass that stays finite: libnd4j's derivative of x * sigmoid(1.702 x) overflows
 * exp() above x = 52 and gives NaN (checked: 100 gives NaN, 20 gives 1.0), which ended airbench-like trials in
 * their first epoch. Beyond +-{@value #LIMIT} the derivative is 1 or 0 to float precision, so the input is
 * clamped there first; the forward pass is DL4J's.
 */
public final class GeluActivation extends ActivationGELU {
    private static final double LIMIT = 20;

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        // In place, as DL4J's own backprop overwrites its input with the gradient anyway.
        Transforms.min(Transforms.max(in, -LIMIT, false), LIMIT, false);
        return super.backprop(in, epsilon);
    }
}

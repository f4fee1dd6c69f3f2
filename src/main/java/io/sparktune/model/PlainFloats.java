package io.sparktune.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Whether sparktune's own kernels may treat an ND4J array as one run of floats in row-major order. */
public final class PlainFloats {
    private PlainFloats() {
    }

    /**
     * Float, dense and row-major, so that a reshape is a view and element i sits at offset + i. ND4J's own
     * test of default strides rejects any array with a dimension of size one, such as a single input
     * channel, whatever stride that dimension carries; a size-one dimension's stride never matters.
     */
    public static boolean of(INDArray array) {
        if (array.dataType() != DataType.FLOAT) {
            return false;
        }
        long expected = 1;
        for (int d = array.rank() - 1; d >= 0; d--) {
            if (array.size(d) > 1 && array.stride(d) != expected) {
                return false;
            }
            expected *= array.size(d);
        }
        return true;
    }
}

package io.sparktune.data;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Images held once in native memory as float32 rows of {@code shape.pixels()} values in [0, 1] (NCHW order
 * within a row), with their labels both as class indices and one-hot rows.
 */
public record LabeledImages(
        INDArray features,
        INDArray oneHotLabels,
        int[] labels,
        ImageShape shape,
        List<String> classNames) {

    public int size() {
        return labels.length;
    }

    public int classes() {
        return classNames.size();
    }
}

package io.sparktune.data;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies chosen images into minibatch arrays (NCHW) that an epoch's steps reuse, one pair per minibatch
 * size (an epoch has at most two, see {@link MinibatchSplit}). Allocating a fresh native array for every
 * step cost more than the copy into it: gathering an epoch's minibatches of 8,000 CIFAR-10 images took
 * 0.13 s with ND4J's pullRows, a fresh array per step, and 0.04 s into arrays kept for the epoch
 * (bench-train's overheads part).
 * Each minibatch is valid until the next one of the same size is gathered; {@link #close} frees them.
 */
public final class MinibatchGather implements AutoCloseable {
    private final LabeledImages images;
    private final FloatBuffer pixels;
    private final FloatBuffer oneHot;
    private final Map<Integer, DataSet> bySize = new HashMap<>();

    public MinibatchGather(LabeledImages images) {
        this.images = images;
        this.pixels = rows(images.features(), images.size(), images.shape().pixels());
        this.oneHot = rows(images.oneHotLabels(), images.size(), images.classes());
    }

    /** The images at these positions, in this order, as one minibatch. */
    public DataSet of(int[] rows) {
        DataSet batch = bySize.computeIfAbsent(rows.length, this::allocate);
        copyRows(pixels, rows, images.shape().pixels(), batch.getFeatures());
        copyRows(oneHot, rows, images.classes(), batch.getLabels());
        return batch;
    }

    @Override
    public void close() {
        for (DataSet batch : bySize.values()) {
            batch.getFeatures().close();
            batch.getLabels().close();
        }
        bySize.clear();
    }

    private DataSet allocate(int size) {
        ImageShape s = images.shape();
        // Kept for the whole epoch, so outside any workspace a step opens.
        INDArray features = Nd4j.createUninitializedDetached(DataType.FLOAT, size, s.channels(), s.height(),
                s.width());
        INDArray labels = Nd4j.createUninitializedDetached(DataType.FLOAT, size, images.classes());
        return new DataSet(features, labels);
    }

    private static void copyRows(FloatBuffer from, int[] rows, int width, INDArray to) {
        FloatBuffer target = to.data().asNioFloat();
        for (int i = 0; i < rows.length; i++) {
            target.put(i * width, from, rows[i] * width, width);
        }
    }

    /** The array's values as a buffer of {@code count} rows of {@code width}, checked to be laid out so. */
    private static FloatBuffer rows(INDArray array, int count, int width) {
        if (array.dataType() != DataType.FLOAT || array.ordering() != 'c' || array.offset() != 0
                || array.length() != (long) count * width || array.elementWiseStride() != 1) {
            throw new IllegalArgumentException("expected " + count + " dense float rows of " + width + ", got "
                    + array.shapeInfoToString());
        }
        return array.data().asNioFloat();
    }
}

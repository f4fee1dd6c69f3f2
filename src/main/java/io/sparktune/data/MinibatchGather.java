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
    private final Map<Integer, DataSet> bySize = new HashMap<>();

    public MinibatchGather(LabeledImages images) {
        this.images = images;
    }

    /** The images at these positions, in this order, as one minibatch. */
    public DataSet of(int[] rows) {
        DataSet batch = bySize.computeIfAbsent(rows.length, this::allocate);
        fill(images, rows, batch);
        return batch;
    }

    /** Writes the images at {@code rows} and their one-hot labels into {@code batch}'s arrays. */
    static void fill(LabeledImages images, int[] rows, DataSet batch) {
        FloatBuffer features = batch.getFeatures().data().asNioFloat();
        FloatBuffer labels = batch.getLabels().data().asNioFloat();
        int width = images.shape().pixels();
        int classes = images.classes();
        for (int i = 0; i < rows.length; i++) {
            images.writeImage(rows[i], features, i * width);
            for (int c = 0; c < classes; c++) {
                labels.put(i * classes + c, c == images.labels()[rows[i]] ? 1f : 0f);
            }
        }
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
}

package io.sparktune.bench;

import io.sparktune.data.ImageShape;
import io.sparktune.data.RawImages;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed minibatches of real images as plain float arrays (NCHW, [0, 1]) and class indices, so two
 * frameworks can be fed exactly the same data in exactly the same order.
 */
public record BenchBatches(List<float[]> features, List<int[]> labels, int batchSize, ImageShape shape, int classes) {

    public static BenchBatches of(RawImages raw, int batchSize) {
        List<float[]> features = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        int pixels = raw.shape().pixels();
        for (int start = 0; start + batchSize <= raw.size(); start += batchSize) {
            float[] f = new float[batchSize * pixels];
            int[] l = new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                int row = start + i;
                for (int p = 0; p < pixels; p++) {
                    f[i * pixels + p] = raw.pixels().value(row, p) / 255f;
                }
                l[i] = raw.labels()[row];
            }
            features.add(f);
            labels.add(l);
        }
        return new BenchBatches(features, labels, batchSize, raw.shape(), raw.classNames().size());
    }

    public int images() {
        return labels.stream().mapToInt(l -> l.length).sum();
    }

    /** The number of images in minibatch {@code b}: {@link #batchSize} or, where it does not divide, one fewer. */
    public int size(int b) {
        return labels.get(b).length;
    }

    /** The images at {@code rows}, in that order, cut into minibatches as sparktune's trial runner cuts an epoch. */
    public static BenchBatches of(io.sparktune.data.LabeledImages images, int[] rows, int batchSize) {
        List<float[]> features = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        io.sparktune.data.MinibatchSplit split = new io.sparktune.data.MinibatchSplit(rows.length, batchSize);
        for (int b = 0; b < split.count(); b++) {
            org.nd4j.linalg.dataset.DataSet batch = io.sparktune.data.TrainingData.batch(images,
                    java.util.Arrays.copyOfRange(rows, split.start(b), split.end(b)));
            features.add(batch.getFeatures().data().asFloat());
            labels.add(batch.getLabels().argMax(1).toIntVector());
        }
        return new BenchBatches(features, labels, batchSize, images.shape(), images.classes());
    }

    /** The same batches with each channel standardised, (x - mean) / std, as a network's first step would. */
    public BenchBatches standardized(float[] mean, float[] std) {
        int plane = shape.height() * shape.width();
        List<float[]> out = new ArrayList<>();
        for (float[] batch : features) {
            float[] f = batch.clone();
            for (int i = 0; i < f.length; i++) {
                int channel = (i / plane) % shape.channels();
                f[i] = (f[i] - mean[channel]) / std[channel];
            }
            out.add(f);
        }
        return new BenchBatches(out, labels, batchSize, shape, classes);
    }
}

package io.sparktune.data;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The mean and standard deviation of each colour channel over a set of images' pixels. */
public record ChannelStats(float[] mean, float[] std) implements Serializable {
    private static final int CHUNK = 1000;

    /** Measured over every pixel of {@code images} (rows of NCHW pixels), in double precision. */
    public static ChannelStats of(LabeledImages images) {
        int channels = images.shape().channels();
        int plane = images.shape().height() * images.shape().width();
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        INDArray features = images.features();
        int pixelsPerRow = channels * plane;
        for (int start = 0; start < images.size(); start += CHUNK) {
            int end = Math.min(images.size(), start + CHUNK);
            // A chunk at a time keeps the Java copy small whatever the number of images.
            float[] pixels = features.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).dup('c').data()
                    .asFloat();
            for (int row = 0; row < end - start; row++) {
                for (int c = 0; c < channels; c++) {
                    int from = row * pixelsPerRow + c * plane;
                    for (int i = from; i < from + plane; i++) {
                        sum[c] += pixels[i];
                        squares[c] += (double) pixels[i] * pixels[i];
                    }
                }
            }
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        double n = (double) images.size() * plane;
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n;
            mean[c] = (float) m;
            // A channel that never varies (a blank border, a test image set) divides by 1, not by 0.
            double sd = Math.sqrt(Math.max(0, squares[c] / n - m * m));
            std[c] = (float) (sd > 1e-6 ? sd : 1);
        }
        return new ChannelStats(mean, std);
    }
}

package io.sparktune.data;

import java.io.Serializable;

/** The mean and standard deviation of each colour channel over a set of images' pixels. */
public record ChannelStats(float[] mean, float[] std) implements Serializable {
    /** Measured over every pixel of {@code images} as the network sees it, in [0, 1]. */
    public static ChannelStats of(LabeledImages images) {
        int channels = images.shape().channels();
        int plane = images.shape().height() * images.shape().width();
        // Whole 8-bit values summed as integers: exact, and no float copy of the images.
        long[] sum = new long[channels];
        long[] squares = new long[channels];
        for (int image = 0; image < images.size(); image++) {
            byte[] pixels = images.bytes(image);
            for (int c = 0; c < channels; c++) {
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    int v = pixels[i] & 0xFF;
                    sum[c] += v;
                    squares[c] += v * v;
                }
            }
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        double n = (double) images.size() * plane;
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n / 255;
            mean[c] = (float) m;
            // A channel that never varies (a blank border, a test image set) divides by 1, not by 0.
            double sd = Math.sqrt(Math.max(0, squares[c] / n / (255.0 * 255) - m * m));
            std[c] = (float) (sd > 1e-6 ? sd : 1);
        }
        return new ChannelStats(mean, std);
    }
}

package io.sparktune.model;

import io.sparktune.data.ChannelStats;
import io.sparktune.data.LabeledImages;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weights of the frozen 2x2 convolution that whitens image patches, as airbench initialises its first layer:
 * the second moment of every 2x2 patch (all channels) of the first training images, as the network sees them
 * (standardised when it standardises), its eigenvectors scaled by 1/sqrt(eigenvalue + {@value #EPSILON}), and
 * their negations, so the activation after it keeps both signs of each direction. A patch's filter responses
 * then have about unit variance and no correlation.
 *
 * @param weights [filters, channels, 2, 2], filters = 2 x 4 x channels, largest eigenvalue first
 */
public record PatchWhitening(INDArray weights) {
    /** Airbench's: it keeps the directions of least variance (pixel noise) from being blown up without bound. */
    static final double EPSILON = 5e-4;
    /** Images whose patches are counted: airbench's 5,000, about 5 million patches of 32x32 ones, under a second. */
    static final int IMAGES = 5000;
    private static final int SIDE = 2;

    /**
     * Measured on the first {@value #IMAGES} of {@code train}, standardised by {@code standardize} (null: as
     * they are).
     */
    public static PatchWhitening of(LabeledImages train, ChannelStats standardize) {
        int channels = train.shape().channels();
        int height = train.shape().height();
        int width = train.shape().width();
        int n = Math.min(IMAGES, train.size());
        int dims = channels * SIDE * SIDE;
        double[][] moment = new double[dims][dims];
        int plane = height * width;
        double[] patch = new double[dims];
        long patches = 0;
        for (int image = 0; image < n; image++) {
            // One image at a time: 5,000 images of 224 px as floats would be 3 GB.
            byte[] pixels = train.bytes(image);
            for (int y = 0; y + SIDE <= height; y++) {
                for (int x = 0; x + SIDE <= width; x++) {
                    int d = 0;
                    for (int c = 0; c < channels; c++) {
                        float mean = standardize == null ? 0 : standardize.mean()[c];
                        float std = standardize == null ? 1 : standardize.std()[c];
                        for (int dy = 0; dy < SIDE; dy++) {
                            for (int dx = 0; dx < SIDE; dx++) {
                                int value = pixels[c * plane + (y + dy) * width + x + dx] & 0xFF;
                                patch[d++] = (value / 255f - mean) / std;
                            }
                        }
                    }
                    for (int i = 0; i < dims; i++) {
                        for (int j = i; j < dims; j++) {
                            moment[i][j] += patch[i] * patch[j];
                        }
                    }
                    patches++;
                }
            }
        }
        for (int i = 0; i < dims; i++) {
            for (int j = i; j < dims; j++) {
                moment[i][j] /= patches;
                moment[j][i] = moment[i][j];
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(moment);
        float[] weights = new float[2 * dims * dims];
        for (int k = 0; k < dims; k++) {
            double scale = 1 / Math.sqrt(Math.max(0, eigen.values()[k]) + EPSILON);
            for (int d = 0; d < dims; d++) {
                // Filter k reads patch dimension d, laid out [channel][dy][dx] as the patch was.
                float w = (float) (eigen.vectors()[d][k] * scale);
                weights[k * dims + d] = w;
                weights[(k + dims) * dims + d] = -w;
            }
        }
        return new PatchWhitening(Nd4j.create(weights, new long[] {2L * dims, channels, SIDE, SIDE}, DataType.FLOAT));
    }
}

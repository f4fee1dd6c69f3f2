package io.sparktune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.data.ChannelStats;
import io.sparktune.data.Cifar10Reader;
import io.sparktune.data.LabeledImages;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The whitening layer's filters, measured on real CIFAR-10 images. */
class PatchWhiteningTest {

    @Test
    void theFirstLayersResponsesToUnseenPatchesAreUncorrelatedWithAboutUnitVariance() {
        LabeledImages images = new Cifar10Reader(RequiredData.cifar10().toString()).testSet().all();
        ChannelStats stats = ChannelStats.of(images);
        float[] weights = PatchWhitening.of(images, stats).weights().data().asFloat();
        assertEquals(24 * 12, weights.length, "24 filters of 3 channels x 2 x 2");
        for (int i = 0; i < 12 * 12; i++) {
            assertEquals(-weights[i], weights[12 * 12 + i], "filters 13-24 are the negations of 1-12");
        }
        // The images after the first 5,000 (which the whitening was measured on).
        float[] pixels = images.features(6000, 7000).data().asFloat();
        double[][] covariance = new double[12][12];
        long patches = 0;
        for (int image = 0; image < 1000; image++) {
            for (int y = 0; y < 31; y++) {
                for (int x = 0; x < 31; x++) {
                    double[] patch = new double[12];
                    for (int c = 0, d = 0; c < 3; c++) {
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 2; dx++) {
                                patch[d++] = (pixels[image * 3072 + c * 1024 + (y + dy) * 32 + x + dx]
                                        - stats.mean()[c]) / stats.std()[c];
                            }
                        }
                    }
                    double[] response = new double[12];
                    for (int k = 0; k < 12; k++) {
                        for (int d = 0; d < 12; d++) {
                            response[k] += weights[k * 12 + d] * patch[d];
                        }
                    }
                    for (int i = 0; i < 12; i++) {
                        for (int j = 0; j < 12; j++) {
                            covariance[i][j] += response[i] * response[j];
                        }
                    }
                    patches++;
                }
            }
        }
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                double value = covariance[i][j] / patches;
                if (i == j) {
                    // lambda / (lambda + 0.0005): near 1 for the strong directions, less for pixel noise.
                    assertTrue(value > (i < 6 ? 0.9 : 0.1) && value < 1.1, "variance of filter " + i + ": " + value);
                } else {
                    assertEquals(0, value, 0.1, "covariance of filters " + i + " and " + j);
                }
            }
        }
    }

    @Test
    void eigenvectorsOfASymmetricMatrixAreFoundLargestFirst() {
        Random random = new Random(5);
        double[][] a = new double[12][12];
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = random.nextGaussian();
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(a);
        for (int k = 0; k < 12; k++) {
            double[] product = new double[12];
            double[] scaled = new double[12];
            for (int i = 0; i < 12; i++) {
                for (int j = 0; j < 12; j++) {
                    product[i] += a[i][j] * eigen.vectors()[j][k];
                }
                scaled[i] = eigen.values()[k] * eigen.vectors()[i][k];
            }
            assertArrayEquals(scaled, product, 1e-9, "A v = lambda v for eigenvalue " + k);
            assertTrue(k == 0 || eigen.values()[k] <= eigen.values()[k - 1], "largest first");
        }
    }
}

package io.sparktune.trial;

import io.sparktune.model.TestTimeAugmentation;
import io.sparktune.network.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The class probabilities validation and the test score: the network's for each image, or (test-time
 * augmentation) their weighted mean over views of it, as airbench weighs its views: the image and its mirror a
 * quarter each; under mirror_translate both of them shifted one pixel diagonally each way, the border reflected,
 * an eighth each. Airbench averages logits; a trial's network ends in its softmax, so these average
 * probabilities, which agree on the winning class nearly always.
 */
final class TestViews {
    private TestViews() {
    }

    /** [images, classes] probabilities of {@code features} ([images, channels, height, width]). */
    static INDArray output(Network network, INDArray features, TestTimeAugmentation views) {
        if (views == TestTimeAugmentation.NONE) {
            return network.output(features);
        }
        if (views == TestTimeAugmentation.MIRROR) {
            return mirrored(network, features, 0.5);
        }
        INDArray sum = mirrored(network, features, 0.25);
        for (int shift : new int[] {-1, 1}) {
            INDArray shifted = transformed(features, shift, false);
            try (INDArray part = mirrored(network, shifted, 0.125)) {
                sum.addi(part);
            }
            shifted.close();
        }
        return sum;
    }

    /** weight x (probabilities of the images + those of their mirror images). */
    private static INDArray mirrored(Network network, INDArray features, double weight) {
        INDArray sum = network.output(features).muli(weight);
        INDArray mirror = transformed(features, 0, true);
        try (INDArray part = network.output(mirror)) {
            sum.addi(part.mul(weight));
        }
        mirror.close();
        return sum;
    }

    /** The images moved {@code shift} pixels down and right (up and left when negative), the border reflected. */
    static INDArray transformed(INDArray features, int shift, boolean mirror) {
        long[] shape = features.shape();
        int height = (int) shape[2];
        int width = (int) shape[3];
        INDArray rowMajor = features.dup('c');
        float[] source = rowMajor.data().asFloat();
        rowMajor.close();
        float[] target = new float[source.length];
        int plane = height * width;
        for (int base = 0; base < source.length; base += plane) {
            for (int y = 0; y < height; y++) {
                int sy = reflect(y - shift, height);
                for (int x = 0; x < width; x++) {
                    int sx = reflect(x - shift, width);
                    target[base + y * width + x] = source[base + sy * width + (mirror ? width - 1 - sx : sx)];
                }
            }
        }
        return Nd4j.create(target, shape, DataType.FLOAT);
    }

    /** As PyTorch's reflect padding: -1 reads 1, side reads side - 2. */
    private static int reflect(int i, int side) {
        if (i < 0) {
            return Math.min(-i, side - 1);
        }
        return i >= side ? Math.max(2 * side - 2 - i, 0) : i;
    }
}

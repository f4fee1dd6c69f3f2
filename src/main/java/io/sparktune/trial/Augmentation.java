package io.sparktune.trial;

import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random left-right mirroring and random crops of zero-padded images, for training batches only. Each
 * image of a batch draws its own flip and shift from the trial's augmentation generator, so a trial is
 * reproducible and two trials differ.
 */
record Augmentation(boolean flip, int padding) {

    static Augmentation of(ModelConfig model) {
        return new Augmentation(model.get(Hyperparameters.AUGMENT_FLIP), model.get(Hyperparameters.AUGMENT_CROP));
    }

    boolean isNone() {
        return !flip && padding == 0;
    }

    /** A new [batch, channels, height, width] array; {@code images} is left as it was. */
    INDArray apply(INDArray images, Random random) {
        long[] shape = images.shape();
        int batch = (int) shape[0];
        int channels = (int) shape[1];
        int height = (int) shape[2];
        int width = (int) shape[3];
        INDArray rowMajor = images.dup('c');
        float[] source = rowMajor.data().asFloat();
        rowMajor.close(); // native memory, freed now rather than whenever the garbage collector finds it
        float[] target = new float[source.length];
        int plane = height * width;
        for (int b = 0; b < batch; b++) {
            boolean mirror = flip && random.nextBoolean();
            int dy = padding == 0 ? 0 : random.nextInt(2 * padding + 1) - padding;
            int dx = padding == 0 ? 0 : random.nextInt(2 * padding + 1) - padding;
            for (int c = 0; c < channels; c++) {
                int base = (b * channels + c) * plane;
                for (int y = 0; y < height; y++) {
                    int sy = y + dy;
                    if (sy < 0 || sy >= height) {
                        continue; // padding: stays 0
                    }
                    for (int x = 0; x < width; x++) {
                        int sx = x + dx;
                        if (sx < 0 || sx >= width) {
                            continue;
                        }
                        target[base + y * width + x] = source[base + sy * width + (mirror ? width - 1 - sx : sx)];
                    }
                }
            }
        }
        return Nd4j.create(target, shape, DataType.FLOAT);
    }
}

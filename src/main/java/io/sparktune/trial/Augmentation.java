package io.sparktune.trial;

import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random-resized crops, random left-right mirroring and random crops of zero-padded images, in that order, for
 * training batches only. Each image of a batch draws its own region, flip and shift from the trial's
 * augmentation generator, so a trial is reproducible and two trials differ. Alternating flips are not drawn at
 * all: an image's first flip follows from the trial's seed and the image, and each epoch after does the opposite
 * of the one before, so a trial continued from a checkpoint flips exactly as an unbroken one.
 */
record Augmentation(ScaleCrop scale, boolean flip, int padding, boolean alternate, long seed) {

    /** Without random-resized crops. */
    Augmentation(boolean flip, int padding, boolean alternate, long seed) {
        this(new ScaleCrop(1), flip, padding, alternate, seed);
    }

    static Augmentation of(ModelConfig model, long seed) {
        return new Augmentation(new ScaleCrop(model.get(Hyperparameters.AUGMENT_SCALE)),
                model.get(Hyperparameters.AUGMENT_FLIP), model.get(Hyperparameters.AUGMENT_CROP),
                model.get(Hyperparameters.ALTERNATE_FLIP), seed);
    }

    boolean isNone() {
        return scale.isNone() && !flip && padding == 0;
    }

    /**
     * A new [batch, channels, height, width] array of training images {@code rows} in epoch {@code epoch};
     * {@code images} is left as it was.
     */
    INDArray apply(INDArray images, Random random, int[] rows, int epoch) {
        long[] shape = images.shape();
        int batch = (int) shape[0];
        int channels = (int) shape[1];
        int height = (int) shape[2];
        int width = (int) shape[3];
        INDArray rowMajor = images.dup('c');
        float[] source = rowMajor.data().asFloat();
        rowMajor.close(); // native memory, freed now rather than whenever the garbage collector finds it
        if (!scale.isNone()) {
            source = scale.apply(source, batch, channels, height, width, random);
        }
        float[] target = new float[source.length];
        int plane = height * width;
        for (int b = 0; b < batch; b++) {
            boolean mirror = flip && (alternate ? mirrored(rows[b], epoch) : random.nextBoolean());
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

    /** Whether alternating flips mirror training image {@code image} in epoch {@code epoch} (from 1). */
    boolean mirrored(int image, int epoch) {
        // One well-mixed bit per (seed, image), as trials' seeds are mixed: half the images flipped in epoch 1.
        return ((TrialConfig.mix(seed, image) & 1) == 1) ^ (epoch % 2 == 0);
    }
}

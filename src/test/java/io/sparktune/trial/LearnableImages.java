package io.sparktune.trial;

import io.sparktune.data.ImageShape;
import io.sparktune.data.RawImages;
import io.sparktune.data.StratifiedSplit;
import io.sparktune.data.TrainingData;
import java.util.List;
import java.util.Random;

/** Small noisy images whose class is the position of a bright horizontal band: a CNN learns it in an epoch. */
public final class LearnableImages {
    private LearnableImages() {
    }

    /** The same images with labels drawn at random: there is nothing to learn, only to memorise. */
    public static TrainingData withRandomLabels(int count, int classes, long seed) {
        return build(count, classes, seed, true);
    }

    public static TrainingData of(int count, int classes, long seed) {
        return build(count, classes, seed, false);
    }

    private static TrainingData build(int count, int classes, long seed, boolean randomLabels) {
        ImageShape shape = new ImageShape(1, 16, 16);
        Random random = new Random(seed);
        byte[] pixels = new byte[count * shape.pixels()];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
            int bandTop = labels[i] * (shape.height() / classes);
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    boolean band = y >= bandTop && y < bandTop + 2;
                    int value = (band ? 200 : 30) + random.nextInt(40);
                    pixels[i * shape.pixels() + y * shape.width() + x] = (byte) value;
                }
            }
        }
        if (randomLabels) {
            Random shuffle = new Random(seed + 1);
            for (int i = 0; i < count; i++) {
                labels[i] = shuffle.nextInt(classes);
            }
        }
        List<String> names = java.util.stream.IntStream.range(0, classes).mapToObj(c -> "band" + c).toList();
        RawImages raw = new RawImages(pixels, labels, shape, names);
        StratifiedSplit split = StratifiedSplit.of(labels, classes, 0.25, null, seed);
        return new TrainingData(raw.select(split.train()), raw.select(split.validation()));
    }
}

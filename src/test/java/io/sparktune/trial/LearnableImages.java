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

    public static TrainingData of(int count, int classes, long seed) {
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
        List<String> names = java.util.stream.IntStream.range(0, classes).mapToObj(c -> "band" + c).toList();
        RawImages raw = new RawImages(pixels, labels, shape, names);
        StratifiedSplit split = StratifiedSplit.of(labels, classes, 0.25, null, seed);
        return new TrainingData(raw.select(split.train()), raw.select(split.validation()));
    }
}

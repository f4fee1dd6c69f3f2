package io.sparktune.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One copy of each data set per JVM. Trials that run side by side in an executor share it: the data is
 * loaded by the first trial to ask and never once per trial.
 */
public final class DataCache {
    private record Key(DataSpec spec, long seed) {
    }

    private static final Map<Key, TrainingData> TRAINING = new ConcurrentHashMap<>();

    private DataCache() {
    }

    public static TrainingData training(DataSpec spec, long seed) {
        return training(spec, seed, () -> ImageSource.of(spec, seed).trainingPool());
    }

    /** The same, split from {@code pool} (the images of {@code spec}, however they reached this JVM). */
    public static TrainingData training(DataSpec spec, long seed, Supplier<RawImages> pool) {
        return TRAINING.computeIfAbsent(new Key(spec, seed), key -> split(pool.get(), spec, seed));
    }

    /** Every image the search may use, training and validation together, for the final training. */
    public static LabeledImages searchImages(DataSpec spec, long seed) {
        return searchImages(spec, seed, ImageSource.of(spec, seed).trainingPool());
    }

    /** The same, from {@code pool}. */
    public static LabeledImages searchImages(DataSpec spec, long seed, RawImages pool) {
        StratifiedSplit split = pool.split(spec.validationFraction(), spec.maxTrainImages(), seed);
        int[] rows = java.util.stream.IntStream.concat(java.util.Arrays.stream(split.train()),
                java.util.Arrays.stream(split.validation())).sorted().toArray();
        return pool.select(rows);
    }

    /** Reads the pool and splits it; the same spec and seed give the same rows on every machine. */
    public static TrainingData load(DataSpec spec, long seed) {
        return split(ImageSource.of(spec, seed).trainingPool(), spec, seed);
    }

    private static TrainingData split(RawImages pool, DataSpec spec, long seed) {
        StratifiedSplit split = pool.split(spec.validationFraction(), spec.maxTrainImages(), seed);
        return new TrainingData(pool.select(split.train()), pool.select(split.validation()));
    }
}

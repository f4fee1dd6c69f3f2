package io.sparktune.data;

import java.util.List;


/**
 * A data set on disk, read in two parts that never mix: the pool a search splits into training and
 * validation images, and the test images that only the final evaluation reads.
 */
public interface ImageSource {
    RawImages trainingPool();

    RawImages testSet();

    /** What the user should know about the files before a search runs on them (e.g. some are missing). */
    default List<String> warnings() {
        return List.of();
    }

    /** Whether there are test files at all (a data set may ship without them); says nothing of their health. */
    boolean hasTestSet();

    /** {@code seed} decides which images an image folder without a test/ folder holds out for testing. */
    static ImageSource of(DataSpec spec, long seed) {
        return switch (spec.kind()) {
            case CIFAR10 -> new Cifar10Reader(spec.path());
            case IMAGE_FOLDER -> new ImageFolderReader(spec, seed);
            case IMAGE_MANIFEST -> new ImageManifestReader(spec, seed);
            case IDX -> new IdxReader(spec.path());
        };
    }
}

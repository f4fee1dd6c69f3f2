package io.sparktune.spec;

import java.io.Serializable;

/**
 * Where the images are and how the search splits them. {@code path} is a folder as a Hadoop FileSystem
 * URI or local path; the driver qualifies it before executors see it, so every executor reads the same
 * files. The split into training and validation images depends only on the spec seed, so every trial of
 * a search sees the same validation images.
 */
public record DataSpec(
        DataKind kind,
        String path,
        Double validationFraction,
        Integer maxTrainImages,
        Boolean download) implements Serializable {

    public DataSpec {
        validationFraction = validationFraction == null ? 0.2 : validationFraction;
        download = download == null ? Boolean.TRUE : download;
    }

    public DataSpec validate() {
        if (kind == null) {
            throw new SpecException("data.kind", "is required; allowed: cifar10");
        }
        if (path == null || path.isBlank()) {
            throw new SpecException("data.path", "is required: the folder that holds the " + kind
                    + " files (or pass --data FOLDER)");
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new SpecException("data.validation_fraction",
                    "must be a number between 0 and 1 (exclusive), got " + validationFraction);
        }
        if (maxTrainImages != null && maxTrainImages < 10) {
            throw new SpecException("data.max_train_images",
                    "must be at least 10 (or left out to use every image), got " + maxTrainImages);
        }
        return this;
    }

    public DataSpec withPath(String newPath) {
        return new DataSpec(kind, newPath, validationFraction, maxTrainImages, download);
    }
}

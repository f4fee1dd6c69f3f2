package io.sparktune.data;

import io.sparktune.input.SpecException;
import java.io.Serializable;

/**
 * Where the images are and how the search splits them. {@code path} is a folder as a Hadoop FileSystem
 * URI or local path; the driver qualifies it before executors see it, so every executor reads the same
 * files. The split into training and validation images depends only on the spec seed, so every trial of
 * a search sees the same validation images. {@code imageSize}, {@code color}, {@code resize} and
 * {@code testFraction} apply to image folders only; {@code download} to CIFAR-10 only.
 */
public record DataSpec(
        DataKind kind,
        String path,
        Double validationFraction,
        Integer maxTrainImages,
        Boolean download,
        Integer imageSize,
        ImageColor color,
        ResizeMode resize,
        Double testFraction) implements Serializable {

    public DataSpec validate() {
        if (kind == null) {
            throw new SpecException("data.kind", "is required; allowed: cifar10, image_folder, idx");
        }
        onlyFor(DataKind.IMAGE_FOLDER, "image_size", imageSize);
        onlyFor(DataKind.IMAGE_FOLDER, "color", color);
        onlyFor(DataKind.IMAGE_FOLDER, "resize", resize);
        onlyFor(DataKind.IMAGE_FOLDER, "test_fraction", testFraction);
        onlyFor(DataKind.CIFAR10, "download", download);
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
        if (imageSize != null && (imageSize < 8 || imageSize > 1024)) {
            throw new SpecException("data.image_size", "must be a whole number of pixels from 8 to 1024, got "
                    + imageSize);
        }
        if (testFraction != null && !(testFraction > 0 && testFraction < 1)) {
            throw new SpecException("data.test_fraction",
                    "must be a number between 0 and 1 (exclusive), got " + testFraction);
        }
        return this;
    }

    public DataSpec {
        validationFraction = validationFraction == null ? 0.2 : validationFraction;
    }

    // The kind-specific fields stay null when the spec leaves them out (so a field given for the wrong kind
    // is caught); these give their effective values: download allowed, 64x64 RGB centre crops, 20% test.

    public boolean allowsDownload() {
        return download == null || download;
    }

    /** The images' shape as the spec promises it, before any is read (what cost estimates go by). */
    public ImageShape promisedShape() {
        return switch (kind) {
            case CIFAR10 -> Cifar10Reader.SHAPE;
            case IMAGE_FOLDER -> new ImageShape(colorMode() == ImageColor.GREY ? 1 : 3, imageSide(), imageSide());
            case IDX -> new ImageShape(1, 28, 28);
        };
    }

    public int imageSide() {
        return imageSize == null ? 64 : imageSize;
    }

    public ImageColor colorMode() {
        return color == null ? ImageColor.RGB : color;
    }

    public ResizeMode resizeMode() {
        return resize == null ? ResizeMode.CENTER_CROP : resize;
    }

    public double heldOutTestFraction() {
        return testFraction == null ? 0.2 : testFraction;
    }

    public DataSpec withPath(String newPath) {
        return new DataSpec(kind, newPath, validationFraction, maxTrainImages, download, imageSize, color, resize,
                testFraction);
    }

    private void onlyFor(DataKind which, String field, Object value) {
        if (value != null && kind != which) {
            throw new SpecException("data." + field, "applies to data.kind " + which + " only, not " + kind);
        }
    }
}

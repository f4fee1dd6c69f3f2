package io.sparktune.data;

import io.sparktune.input.SpecException;
import io.sparktune.input.SpecField;
import io.sparktune.input.SpecName;
import io.sparktune.input.SpecSection;
import java.io.Serializable;

/**
 * Where the images are and how the search splits them. {@code path} is a folder as a Hadoop FileSystem
 * URI or local path; the driver qualifies it before executors see it, so every executor reads the same
 * files. The split into training and validation images depends only on the spec seed, so every trial of
 * a search sees the same validation images. {@code imageSize}, {@code color}, {@code resize} and
 * {@code testFraction} apply to decoded pictures (folders, manifests) only; {@code download} to CIFAR-10 only.
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

    public static final SpecField<DataKind> KIND = SpecField.choice("data.kind", DataKind.class, null)
            .defaultText("required").doc("The files' layout: the CIFAR-10 binary batches, a folder of images (one"
                    + " subfolder per class), a CSV manifest of images and labels, or IDX files (MNIST,"
                    + " Fashion-MNIST).");
    public static final SpecField<String> PATH = SpecField.text("data.path").defaultText("required")
            .valid(s -> !s.isBlank(), "a folder")
            .doc("The folder (image_manifest: the CSV file), local or a Hadoop URI (hdfs://, s3a://); `--data`"
                    + " sets it. A relative path is resolved once, at the first run.");
    public static final SpecField<Double> VALIDATION_FRACTION = SpecField.number("data.validation_fraction", 0.2)
            .valid(f -> f > 0 && f < 1, "a number between 0 and 1 (exclusive)")
            .doc("Share of the training images held out for validation, stratified, by the spec seed.");
    public static final SpecField<Integer> MAX_TRAIN_IMAGES = SpecField.whole("data.max_train_images", null)
            .valid(n -> n >= 10, "at least 10 (or left out to use every image)").defaultText("every image")
            .doc("A class-balanced subset of the training images, taken before the split.");
    public static final SpecField<Boolean> DOWNLOAD = SpecField.flag("data.download", true).mayChangeOnResume()
            .doc("cifar10 only: fetch the official archive into an empty folder.");
    public static final SpecField<Integer> IMAGE_SIZE = SpecField.whole("data.image_size", 64).between(8, 1024)
            .doc("image_folder and image_manifest only: the side in pixels images are brought to.");
    public static final SpecField<ImageColor> COLOR = SpecField.choice("data.color", ImageColor.class,
            ImageColor.RGB).doc("image_folder and image_manifest only: three channels, or one.");
    public static final SpecField<ResizeMode> RESIZE = SpecField.choice("data.resize", ResizeMode.class,
            ResizeMode.CENTER_CROP).doc("image_folder and image_manifest only: crop the centre square, or stretch the"
                    + " whole image.");
    public static final SpecField<Double> TEST_FRACTION = SpecField.number("data.test_fraction", 0.2)
            .valid(f -> f > 0 && f < 1, "a number between 0 and 1 (exclusive)")
            .doc("image_folder without a train/ folder, image_manifest without a split column: the share held"
                    + " out as test images.");
    public static final SpecSection SECTION = new SpecSection("data", KIND, PATH, VALIDATION_FRACTION,
            MAX_TRAIN_IMAGES, DOWNLOAD, IMAGE_SIZE, COLOR, RESIZE, TEST_FRACTION);

    public DataSpec validate() {
        if (kind == null) {
            throw new SpecException(KIND.path(), "is required; allowed: " + SpecName.allowed(DataKind.class));
        }
        forPictures(IMAGE_SIZE, imageSize);
        forPictures(COLOR, color);
        forPictures(RESIZE, resize);
        forPictures(TEST_FRACTION, testFraction);
        if (download != null && kind != DataKind.CIFAR10) {
            throw new SpecException(DOWNLOAD.path(), "applies to data.kind " + DataKind.CIFAR10 + " only, not "
                    + kind);
        }
        if (path == null || path.isBlank()) {
            throw new SpecException(PATH.path(), "is required: the folder that holds the " + kind
                    + " files (or pass --data FOLDER)");
        }
        return SECTION.check(this);
    }

    public DataSpec {
        validationFraction = VALIDATION_FRACTION.or(validationFraction);
    }

    // The kind-specific fields stay null when the spec leaves them out (so a field given for the wrong kind
    // is caught); these give their effective values.

    public boolean allowsDownload() {
        return DOWNLOAD.or(download);
    }

    /** The images' shape as the spec promises it, before any is read (what cost estimates go by). */
    public ImageShape promisedShape() {
        return switch (kind) {
            case CIFAR10 -> Cifar10Reader.SHAPE;
            case IMAGE_FOLDER, IMAGE_MANIFEST -> new ImageShape(colorMode() == ImageColor.GREY ? 1 : 3, imageSide(),
                    imageSide());
            case IDX -> new ImageShape(1, 28, 28);
        };
    }

    public int imageSide() {
        return IMAGE_SIZE.or(imageSize);
    }

    public ImageColor colorMode() {
        return COLOR.or(color);
    }

    public ResizeMode resizeMode() {
        return RESIZE.or(resize);
    }

    public double heldOutTestFraction() {
        return TEST_FRACTION.or(testFraction);
    }

    public DataSpec withPath(String newPath) {
        return new DataSpec(kind, newPath, validationFraction, maxTrainImages, download, imageSize, color, resize,
                testFraction);
    }

    private void forPictures(SpecField<?> field, Object value) {
        if (value != null && !kind.decodesPictures()) {
            throw new SpecException(field.path(), "applies to data.kind " + DataKind.IMAGE_FOLDER + " and "
                    + DataKind.IMAGE_MANIFEST + " only, not " + kind);
        }
    }
}

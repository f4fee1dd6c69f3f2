package io.sparktune.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Folders of images where a class is a sub-folder's name (Cats vs Dogs, or a user's own). Either the folder
 * holds the user's own split, {@code train/} with optional {@code val/} and {@code test/} beside it, each
 * holding the class folders (the classes are {@code train/}'s), or it holds the class folders directly and a
 * seeded, stratified {@code test_fraction} of each class is held out as the test set. Images are decoded by
 * {@link ImageDecoder} and brought to {@code image_size} square by {@link ImageScaler}. A file that cannot be
 * used (the real Kaggle set has some) is skipped and named in {@link RawImages#skipped()}.
 */
public final class ImageFolderReader implements ImageSource {
    private final String folder;
    private final ImageScaler scaler;
    private final double testFraction;
    private final long seed;

    public ImageFolderReader(DataSpec spec, long seed) {
        this.folder = spec.path();
        this.scaler = new ImageScaler(spec.imageSide(), spec.colorMode(), spec.resizeMode());
        this.testFraction = spec.heldOutTestFraction();
        this.seed = seed;
    }

    @Override
    public RawImages trainingPool() {
        if (hasSplitLayout()) {
            String train = new Path(folder, "train").toString();
            List<String> classes = classNames(train);
            List<ImageFiles.Labeled> files = new ArrayList<>(files(train, classes, false));
            boolean givenValidation = isFolder("val");
            if (givenValidation) {
                files.addAll(files(new Path(folder, "val").toString(), classes, true));
            }
            RawImages pool = ImageFiles.decode(files, classes, scaler, "image folder " + train);
            ImageFiles.requireEachClass(pool, givenValidation ? 1 : 2, train, givenValidation
                    ? "to train on" : "so that training and validation both have one");
            return pool;
        }
        RawImages all = decode(folder);
        return all.subset(heldOut(all).train());
    }

    /** Without a test/ folder beside train/, the user gave none; a folder of classes always has one. */
    @Override
    public boolean hasTestSet() {
        return !hasSplitLayout() || isFolder("test");
    }

    @Override
    public RawImages testSet() {
        if (hasSplitLayout()) {
            String train = new Path(folder, "train").toString();
            String test = new Path(folder, "test").toString();
            List<String> classes = classNames(train);
            return ImageFiles.decode(files(test, classes, false), classes, scaler, "image folder " + test);
        }
        RawImages all = decode(folder);
        return all.subset(heldOut(all).validation());
    }

    private StratifiedSplit heldOut(RawImages all) {
        ImageFiles.requireEachClass(all, 3, folder, "to be split into training, validation and test images");
        return StratifiedSplit.of(all.labels(), all.classNames().size(), testFraction, null, seed);
    }

    private boolean hasSplitLayout() {
        return isFolder("train");
    }

    private boolean isFolder(String name) {
        FileStatus status = DataFiles.status(folder, name);
        return status != null && status.isDirectory();
    }

    /** Every image under the class folders of {@code root}, classes in name order. */
    RawImages decode(String root) {
        List<String> classes = classNames(root);
        return ImageFiles.decode(files(root, classes, false), classes, scaler, "image folder " + root);
    }

    /** The class folders' names under {@code root}, in name order. */
    private static List<String> classNames(String root) {
        FileSystem fs = DataFiles.fileSystem(root);
        Path rootPath = new Path(root);
        List<String> names;
        try {
            if (!fs.exists(rootPath)) {
                throw new DataException("image folder " + root + " does not exist");
            }
            names = Arrays.stream(fs.listStatus(rootPath))
                    .filter(FileStatus::isDirectory)
                    .map(s -> s.getPath().getName())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DataException("cannot list image folder " + root + ": " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            throw new DataException("image folder " + root + " has no class folders: put each class's images in"
                    + " a sub-folder named after the class (e.g. cats/, dogs/)");
        }
        if (names.size() == 1) {
            throw new DataException("image folder " + root + " has only one class (" + names.get(0)
                    + "); a classifier needs at least two");
        }
        return names;
    }

    /**
     * The image files in {@code root}'s class folders; a class folder that {@code classes} lacks is an error
     * (a val/ or test/ class the training images never show).
     */
    private static List<ImageFiles.Labeled> files(String root, List<String> classes, boolean validation) {
        FileSystem fs = DataFiles.fileSystem(root);
        List<ImageFiles.Labeled> files = new ArrayList<>();
        for (String name : classNames(root)) {
            int label = classes.indexOf(name);
            if (label < 0) {
                throw new DataException("image folder " + root + " has a class folder '" + name + "' that the"
                        + " training images do not have (their classes: " + String.join(", ", classes) + ")");
            }
            Path classFolder = new Path(root, name);
            try {
                Arrays.stream(fs.listStatus(classFolder))
                        .filter(FileStatus::isFile)
                        .filter(s -> ImageFiles.isImageName(s.getPath().getName()))
                        .sorted(Comparator.comparing(s -> s.getPath().getName()))
                        .forEach(s -> files.add(new ImageFiles.Labeled(s.getPath(), label, validation, s.getLen(),
                                s.getModificationTime())));
            } catch (IOException e) {
                throw new DataException("cannot list " + classFolder + ": " + e.getMessage(), e);
            }
        }
        return files;
    }
}

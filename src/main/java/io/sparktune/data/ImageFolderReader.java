package io.sparktune.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Folders of images where a class is a sub-folder's name (Cats vs Dogs, or a user's own). Either
 * {@code train/} and {@code test/} each hold the class folders, or the folder holds them directly and a
 * seeded, stratified {@code test_fraction} of each class is held out as the test set. Images are decoded
 * (JPEG, PNG, BMP, GIF), resized to {@code image_size} square and stored RGB or grey. An image that cannot
 * be decoded (the real Kaggle set has some) is skipped and named in {@link RawImages#skipped()}.
 */
public final class ImageFolderReader implements ImageSource {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private final String folder;
    private final int size;
    private final ImageColor color;
    private final ResizeMode resize;
    private final double testFraction;
    private final long seed;

    public ImageFolderReader(DataSpec spec, long seed) {
        this.folder = spec.path();
        this.size = spec.imageSide();
        this.color = spec.colorMode();
        this.resize = spec.resizeMode();
        this.testFraction = spec.heldOutTestFraction();
        this.seed = seed;
    }

    @Override
    public RawImages trainingPool() {
        if (hasSplitLayout()) {
            return decode(new Path(folder, "train").toString());
        }
        RawImages all = decode(folder);
        return all.subset(heldOut(all).train());
    }

    /** Always: without a test/ folder, part of each class is held out. */
    @Override
    public boolean hasTestSet() {
        return true;
    }

    @Override
    public RawImages testSet() {
        if (hasSplitLayout()) {
            return decode(new Path(folder, "test").toString());
        }
        RawImages all = decode(folder);
        return all.subset(heldOut(all).validation());
    }

    private StratifiedSplit heldOut(RawImages all) {
        return StratifiedSplit.of(all.labels(), all.classNames().size(), testFraction, null, seed);
    }

    private boolean hasSplitLayout() {
        FileStatus train = DataFiles.status(folder, "train");
        FileStatus test = DataFiles.status(folder, "test");
        return train != null && train.isDirectory() && test != null && test.isDirectory();
    }

    /** Every image under the class folders of {@code root}, classes in name order. */
    RawImages decode(String root) {
        FileSystem fs = DataFiles.fileSystem(root);
        Path rootPath = new Path(root);
        List<FileStatus> classFolders;
        try {
            if (!fs.exists(rootPath)) {
                throw new DataException("image folder " + root + " does not exist");
            }
            classFolders = Arrays.stream(fs.listStatus(rootPath))
                    .filter(FileStatus::isDirectory)
                    .filter(s -> !s.getPath().getName().startsWith("."))
                    .sorted(Comparator.comparing(s -> s.getPath().getName()))
                    .toList();
        } catch (IOException e) {
            throw new DataException("cannot list image folder " + root + ": " + e.getMessage(), e);
        }
        if (classFolders.isEmpty()) {
            throw new DataException("image folder " + root + " has no class folders: put each class's images in"
                    + " a sub-folder named after the class (e.g. cats/, dogs/)");
        }
        if (classFolders.size() == 1) {
            throw new DataException("image folder " + root + " has only one class ("
                    + classFolders.get(0).getPath().getName() + "); a classifier needs at least two");
        }
        ImageShape shape = new ImageShape(color == ImageColor.GREY ? 1 : 3, size, size);
        List<String> classNames = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (FileStatus classFolder : classFolders) {
            int label = classNames.size();
            classNames.add(classFolder.getPath().getName());
            for (FileStatus file : imageFiles(fs, classFolder.getPath())) {
                try {
                    BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                            DataFiles.readAll(file.getPath().getParent().toString(), file.getPath().getName())));
                    if (image == null) {
                        skipped.add(file.getPath() + ": not a decodable image");
                        continue;
                    }
                    images.add(pixels(image, shape));
                    labels.add(label);
                } catch (IOException | RuntimeException e) {
                    skipped.add(file.getPath() + ": " + e.getMessage());
                }
            }
        }
        if (images.isEmpty()) {
            throw new DataException("image folder " + root + " holds no readable images (" + String.join(", ",
                    IMAGE_EXTENSIONS.stream().sorted().toList()) + ") in its class folders"
                    + (skipped.isEmpty() ? "" : "; " + skipped.size() + " could not be decoded"));
        }
        byte[] all = new byte[images.size() * shape.pixels()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * shape.pixels(), shape.pixels());
        }
        return new RawImages(all, labels.stream().mapToInt(Integer::intValue).toArray(), shape, classNames, skipped);
    }

    private static List<FileStatus> imageFiles(FileSystem fs, Path classFolder) {
        try {
            return Arrays.stream(fs.listStatus(classFolder))
                    .filter(FileStatus::isFile)
                    .filter(s -> IMAGE_EXTENSIONS.contains(extension(s.getPath().getName())))
                    .sorted(Comparator.comparing(s -> s.getPath().getName()))
                    .toList();
        } catch (IOException e) {
            throw new DataException("cannot list " + classFolder + ": " + e.getMessage(), e);
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The image resized to the target square, as planar 8-bit channels (NCHW order for one image). */
    byte[] pixels(BufferedImage source, ImageShape shape) {
        BufferedImage region = source;
        if (resize == ResizeMode.CENTER_CROP) {
            int side = Math.min(source.getWidth(), source.getHeight());
            region = source.getSubimage((source.getWidth() - side) / 2, (source.getHeight() - side) / 2, side, side);
        }
        BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(region, 0, 0, size, size, null);
        g.dispose();
        byte[] out = new byte[shape.pixels()];
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = scaled.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int gr = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int at = y * size + x;
                if (shape.channels() == 1) {
                    out[at] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * b);
                } else {
                    out[at] = (byte) r;
                    out[plane + at] = (byte) gr;
                    out[2 * plane + at] = (byte) b;
                }
            }
        }
        return out;
    }
}

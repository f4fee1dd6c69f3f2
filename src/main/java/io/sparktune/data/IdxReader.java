package io.sparktune.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.Path;

/**
 * MNIST-style IDX files (MNIST, Fashion-MNIST) in a folder, raw or gzipped: {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte} for the search, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}
 * for the final test. Images are grey, one byte per pixel.
 */
public final class IdxReader implements ImageSource {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    private static final String META = "classes.txt";

    private final String folder;

    public IdxReader(String folder) {
        this.folder = folder;
    }

    @Override
    public RawImages trainingPool() {
        return read("train");
    }

    @Override
    public boolean hasTestSet() {
        return DataFiles.status(folder, "t10k-images-idx3-ubyte") != null
                || DataFiles.status(folder, "t10k-images-idx3-ubyte.gz") != null;
    }

    @Override
    public RawImages testSet() {
        return read("t10k");
    }

    private RawImages read(String prefix) {
        if (DataFiles.status(folder) == null) {
            throw new DataException("data folder " + folder + " does not exist; it should hold " + prefix
                    + "-images-idx3-ubyte and " + prefix + "-labels-idx1-ubyte (optionally .gz)");
        }
        String imagesName = find(prefix + "-images-idx3-ubyte");
        String labelsName = find(prefix + "-labels-idx1-ubyte");
        ByteBuffer images = ByteBuffer.wrap(bytes(imagesName));
        ByteBuffer labels = ByteBuffer.wrap(bytes(labelsName));
        Path imagesPath = new Path(folder, imagesName);
        Path labelsPath = new Path(folder, labelsName);
        require(images.remaining() >= 16 && images.getInt(0) == IMAGES_MAGIC, imagesPath,
                "is not an IDX image file (magic number 0x00000803 expected)");
        require(labels.remaining() >= 8 && labels.getInt(0) == LABELS_MAGIC, labelsPath,
                "is not an IDX label file (magic number 0x00000801 expected)");
        int count = images.getInt(4);
        int height = images.getInt(8);
        int width = images.getInt(12);
        require(count > 0 && height > 0 && width > 0, imagesPath, "declares " + count + " images of " + height
                + "x" + width + " pixels");
        long expected = 16L + (long) count * height * width;
        require(images.capacity() == expected, imagesPath, "is truncated or too long: " + images.capacity()
                + " bytes where its header promises " + expected);
        require(labels.getInt(4) == count, labelsPath, "holds " + labels.getInt(4) + " labels for " + count
                + " images in " + imagesName);
        require(labels.capacity() == 8L + count, labelsPath, "is truncated or too long: " + labels.capacity()
                + " bytes where its header promises " + (8L + count));
        int[] labelValues = new int[count];
        int classes = 0;
        for (int i = 0; i < count; i++) {
            labelValues[i] = labels.get(8 + i) & 0xFF;
            classes = Math.max(classes, labelValues[i] + 1);
        }
        byte[] pixels = new byte[count * height * width];
        images.get(16, pixels);
        return new RawImages(pixels, labelValues, new ImageShape(1, height, width), classNames(classes));
    }

    /** Names from an optional classes.txt, one a line; otherwise the label numbers. */
    private List<String> classNames(int classes) {
        if (DataFiles.status(folder, META) != null) {
            List<String> names = new String(DataFiles.readAll(folder, META), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
            require(names.size() >= classes, new Path(folder, META), "lists " + names.size()
                    + " class names, but the labels go up to " + (classes - 1));
            return names;
        }
        return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
    }

    private String find(String base) {
        for (String name : List.of(base, base + ".gz")) {
            if (DataFiles.status(folder, name) != null) {
                return name;
            }
        }
        throw new DataException("IDX file " + new Path(folder, base) + " (or " + base + ".gz) is missing");
    }

    private byte[] bytes(String name) {
        byte[] raw = DataFiles.readAll(folder, name);
        if (!name.endsWith(".gz")) {
            return raw;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DataException("IDX file " + new Path(folder, name) + " is not valid gzip: " + e.getMessage(), e);
        }
    }

    private static void require(boolean ok, Path file, String problem) {
        if (!ok) {
            throw new DataException("IDX file " + file + " " + problem);
        }
    }
}

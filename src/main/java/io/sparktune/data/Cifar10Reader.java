package io.sparktune.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * CIFAR-10 in the official binary layout: {@code data_batch_1.bin} .. {@code data_batch_5.bin} (whichever
 * are present), {@code test_batch.bin}, {@code batches.meta.txt}. Each record is one label byte then
 * 1,024 red, 1,024 green and 1,024 blue bytes of a 32x32 image, which is already NCHW.
 */
public final class Cifar10Reader implements ImageSource {
    public static final ImageShape SHAPE = new ImageShape(3, 32, 32);
    public static final int RECORD_BYTES = 1 + 3 * 32 * 32;
    public static final String TEST_BATCH = "test_batch.bin";
    public static final String META = "batches.meta.txt";
    static final List<String> TRAIN_BATCHES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    private static final List<String> DEFAULT_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");

    private final String folder;

    public Cifar10Reader(String folder) {
        this.folder = folder;
    }

    /** The training batches present, in order; an error saying where to put them when there are none. */
    public List<String> trainingBatches() {
        if (DataFiles.status(folder) == null) {
            throw new DataException("data folder " + folder + " does not exist. " + Cifar10Download.WHERE_TO_PUT_FILES);
        }
        List<String> present = new ArrayList<>();
        for (String name : TRAIN_BATCHES) {
            if (DataFiles.status(folder, name) != null) {
                present.add(name);
            }
        }
        if (present.isEmpty()) {
            throw new DataException("no CIFAR-10 training batches (data_batch_1.bin .. data_batch_5.bin) in "
                    + folder + ". " + Cifar10Download.WHERE_TO_PUT_FILES);
        }
        return present;
    }

    /**
     * A warning naming the training batches absent from a folder that holds some: the search then trains on
     * fewer images than CIFAR-10 has, which is easy to miss. Empty when all five are there.
     */
    @Override
    public List<String> warnings() {
        List<String> present = trainingBatches();
        List<String> missing = TRAIN_BATCHES.stream().filter(b -> !present.contains(b)).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        return List.of("CIFAR-10 training batch" + (missing.size() == 1 ? " " : "es ") + String.join(", ", missing)
                + (missing.size() == 1 ? " is" : " are") + " missing from " + folder + "; training on "
                + String.join(", ", present) + " only");
    }

    public List<String> classNames() {
        FileStatus meta = DataFiles.status(folder, META);
        if (meta == null) {
            return DEFAULT_CLASSES;
        }
        List<String> names = new String(DataFiles.readAll(folder, META), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (names.size() != 10) {
            throw new DataException(new Path(folder, META) + " must list 10 class names, one a line; it lists "
                    + names.size());
        }
        return names;
    }

    /** Every training record, labels checked; the test batch is not read. */
    @Override
    public RawImages trainingPool() {
        List<byte[]> files = new ArrayList<>();
        List<String> names = trainingBatches();
        for (String name : names) {
            files.add(readChecked(name));
        }
        return concat(files);
    }

    @Override
    public boolean hasTestSet() {
        return DataFiles.status(folder, TEST_BATCH) != null;
    }

    @Override
    public RawImages testSet() {
        if (DataFiles.status(folder, TEST_BATCH) == null) {
            throw new DataException("CIFAR-10 test batch " + new Path(folder, TEST_BATCH) + " is missing. "
                    + Cifar10Download.WHERE_TO_PUT_FILES);
        }
        return concat(List.of(readChecked(TEST_BATCH)));
    }

    /** Reads a batch file and checks it is whole records with labels 0..9, naming the file otherwise. */
    byte[] readChecked(String name) {
        byte[] bytes = DataFiles.readAll(folder, name);
        Path path = new Path(folder, name);
        if (bytes.length == 0 || bytes.length % RECORD_BYTES != 0) {
            throw new DataException("CIFAR-10 file " + path + " is truncated or not a CIFAR-10 binary batch: "
                    + bytes.length + " bytes is not a whole number of " + RECORD_BYTES + "-byte records");
        }
        for (int record = 0, offset = 0; offset < bytes.length; record++, offset += RECORD_BYTES) {
            int label = bytes[offset] & 0xFF;
            if (label > 9) {
                throw new DataException("CIFAR-10 file " + path + " record " + record + " (byte offset " + offset
                        + ") has label " + label + ", outside 0..9");
            }
        }
        return bytes;
    }

    private RawImages concat(List<byte[]> files) {
        int records = files.stream().mapToInt(b -> b.length / RECORD_BYTES).sum();
        byte[] pixels = new byte[records * SHAPE.pixels()];
        int[] labels = new int[records];
        int record = 0;
        for (byte[] file : files) {
            for (int offset = 0; offset < file.length; offset += RECORD_BYTES, record++) {
                labels[record] = file[offset] & 0xFF;
                System.arraycopy(file, offset + 1, pixels, record * SHAPE.pixels(), SHAPE.pixels());
            }
        }
        return new RawImages(pixels, labels, SHAPE, classNames());
    }
}

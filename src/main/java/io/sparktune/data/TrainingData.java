package io.sparktune.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The images a search trains and validates on; the test images are not here, so no trial can see them.
 * The validation minibatches are built once and shared by every trial in the JVM (read-only), unless they would
 * take more than 512 MB of memory: then each pass gathers them again from the 8-bit images.
 */
public final class TrainingData {
    /**
     * The minibatch size for inference (validation, the final check's test images), ours to choose and
     * independent of the trial's. Small enough for a layer's output to stay in the processor's cache: the
     * reference CNN scored 2,000 CIFAR-10 images 12-40% faster at 64 than at 500 (bench-train's overheads
     * part and a microbenchmark), with the same predictions either way.
     */
    public static final int INFERENCE_BATCH = 64;

    /** The most native memory the kept validation minibatches (float32) may take. */
    private static final long KEPT_VALIDATION_BYTES = 512L << 20;

    private final LabeledImages train;
    private final LabeledImages validation;
    private final Iterable<DataSet> validationBatches;
    private ChannelStats trainChannelStats;

    public TrainingData(LabeledImages train, LabeledImages validation) {
        this.train = train;
        this.validation = validation;
        this.validationBatches = (long) validation.size() * validation.shape().pixels() * Float.BYTES
                <= KEPT_VALIDATION_BYTES ? batchesInOrder(validation, INFERENCE_BATCH)
                : inOrder(validation, INFERENCE_BATCH);
    }

    /**
     * The training images' per-channel statistics, measured once per JVM: every trial with per-channel
     * normalisation uses them, and on 40,000 images reading every pixel is not free.
     */
    public synchronized ChannelStats trainChannelStats() {
        if (trainChannelStats == null) {
            trainChannelStats = ChannelStats.of(train);
        }
        return trainChannelStats;
    }

    public LabeledImages train() {
        return train;
    }

    public LabeledImages validation() {
        return validation;
    }

    public Iterable<DataSet> validationBatches() {
        return validationBatches;
    }

    public ImageShape shape() {
        return train.shape();
    }

    public List<String> classNames() {
        return train.classNames();
    }

    /** Minibatches of the images in the given order, reshaped to NCHW. */
    public static DataSet batch(LabeledImages images, int[] rows) {
        ImageShape s = images.shape();
        DataSet batch = new DataSet(Nd4j.createUninitialized(DataType.FLOAT, rows.length, s.channels(), s.height(),
                s.width()), Nd4j.createUninitialized(DataType.FLOAT, rows.length, images.classes()));
        MinibatchGather.fill(images, rows, batch);
        return batch;
    }

    /**
     * Minibatches of the images in order, each gathered as the previous one is done with: valid until the next is
     * asked for, and never more than one in memory, however many images there are.
     */
    public static Iterable<DataSet> inOrder(LabeledImages images, int batchSize) {
        return () -> new Iterator<>() {
            private final MinibatchGather gather = new MinibatchGather(images);
            private int start;

            @Override
            public boolean hasNext() {
                if (start < images.size()) {
                    return true;
                }
                gather.close();
                return false;
            }

            @Override
            public DataSet next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(images.size(), start + batchSize);
                int[] rows = IntStream.range(start, end).toArray();
                start = end;
                return gather.of(rows);
            }
        };
    }

    public static List<DataSet> batchesInOrder(LabeledImages images, int batchSize) {
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start < images.size(); start += batchSize) {
            int end = Math.min(images.size(), start + batchSize);
            int[] rows = new int[end - start];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = start + i;
            }
            batches.add(batch(images, rows));
        }
        return batches;
    }
}

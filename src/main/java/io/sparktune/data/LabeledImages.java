package io.sparktune.data;

import java.nio.FloatBuffer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Chosen rows of a set of 8-bit images, a view that copies none of them ({@link PixelStore#select}): image
 * {@code i} is {@code pixels}' image {@code i} ({@code shape.pixels()} bytes in NCHW order), labelled
 * {@code labels[i]}. Pixels become float32 in [0, 1] only as a minibatch is filled, so a training split costs a
 * quarter of the memory it would as floats, and nothing beyond the images it was split from.
 */
public record LabeledImages(PixelStore pixels, int[] labels, ImageShape shape, List<String> classNames) {
    /** One image's bytes and floats on their way to a native buffer, kept per thread, not allocated per image. */
    private static final ThreadLocal<byte[]> BYTES = ThreadLocal.withInitial(() -> new byte[0]);
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[0]);

    public int size() {
        return labels.length;
    }

    public int classes() {
        return classNames.size();
    }

    /** Image {@code index}'s pixels scaled to [0, 1], written to {@code to} from position {@code at}. */
    public void writeImage(int index, FloatBuffer to, int at) {
        int width = shape.pixels();
        byte[] bytes = bytes(index);
        float[] row = ROW.get();
        if (row.length < width) {
            row = new float[width];
            ROW.set(row);
        }
        for (int p = 0; p < width; p++) {
            row[p] = (bytes[p] & 0xFF) / 255f;
        }
        // One bulk copy into the native buffer: a put per value costs a bounds check each.
        to.put(at, row, 0, width);
    }

    /**
     * Image {@code index}'s 8-bit values, in an array of this thread's that the next call overwrites (and that may
     * be longer than one image).
     */
    public byte[] bytes(int index) {
        byte[] bytes = BYTES.get();
        if (bytes.length < shape.pixels()) {
            bytes = new byte[shape.pixels()];
            BYTES.set(bytes);
        }
        pixels.copy(index, bytes);
        return bytes;
    }

    /** Images {@code from} (inclusive) to {@code to} as float32 rows, for measurements that read whole images. */
    public INDArray features(int from, int to) {
        INDArray features = Nd4j.createUninitialized(DataType.FLOAT, to - from, shape.pixels());
        FloatBuffer values = features.data().asNioFloat();
        for (int i = from; i < to; i++) {
            writeImage(i, values, (i - from) * shape.pixels());
        }
        return features;
    }
}

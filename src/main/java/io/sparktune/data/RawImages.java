package io.sparktune.data;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Images as 8-bit pixels straight from the files, before a split picks rows and scales them to [0, 1]. */
public record RawImages(byte[] pixels, int[] labels, ImageShape shape, List<String> classNames) {

    public int size() {
        return labels.length;
    }

    /** The given rows as float32 in [0, 1], in one native array, with one-hot labels. */
    public LabeledImages select(int[] rows) {
        int width = shape.pixels();
        float[] scaled = new float[rows.length * width];
        int[] picked = new int[rows.length];
        float[] oneHot = new float[rows.length * classNames.size()];
        for (int i = 0; i < rows.length; i++) {
            int from = rows[i] * width;
            for (int p = 0; p < width; p++) {
                scaled[i * width + p] = (pixels[from + p] & 0xFF) / 255f;
            }
            picked[i] = labels[rows[i]];
            oneHot[i * classNames.size() + picked[i]] = 1f;
        }
        INDArray features = Nd4j.create(scaled, new long[] {rows.length, width}, DataType.FLOAT);
        INDArray labelRows = Nd4j.create(oneHot, new long[] {rows.length, classNames.size()}, DataType.FLOAT);
        return new LabeledImages(features, labelRows, picked, shape, classNames);
    }

    public LabeledImages all() {
        int[] rows = new int[size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return select(rows);
    }
}

package io.sparktune.trial;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A small float matrix copied to the Java heap straight from its native buffer, whatever its layout (row-
 * or column-major, a view with an offset; a vector is one row). For the few hundred values a minibatch's
 * predictions or labels hold, each ND4J op costs tens of microseconds of dispatch: an argmax took 35-50 µs,
 * reading the values and comparing them here takes a few.
 */
record HeapMatrix(int rows, int columns, float[] values) {

    static HeapMatrix of(INDArray array) {
        if (array.dataType() != DataType.FLOAT || array.rank() > 2) {
            throw new IllegalArgumentException("expected a float matrix, got " + array.shapeInfoToString());
        }
        boolean vector = array.rank() < 2;
        int rows = vector ? 1 : (int) array.size(0);
        int columns = vector ? (int) array.length() : (int) array.size(1);
        long rowStride = vector ? 0 : array.stride(0);
        long columnStride = vector ? (array.rank() == 0 ? 0 : array.stride(0)) : array.stride(1);
        FloatBuffer buffer = array.data().asNioFloat();
        long offset = array.offset();
        float[] values = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                values[r * columns + c] = buffer.get((int) (offset + r * rowStride + c * columnStride));
            }
        }
        return new HeapMatrix(rows, columns, values);
    }

    float get(int row, int column) {
        return values[row * columns + column];
    }

    /** The column of row {@code row}'s largest value, the first if several tie, as ND4J's argmax picks. */
    int argMax(int row) {
        int best = 0;
        int base = row * columns;
        for (int c = 1; c < columns; c++) {
            if (values[base + c] > values[base + best]) {
                best = c;
            }
        }
        return best;
    }
}

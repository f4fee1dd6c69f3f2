package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A matrix read from any ND4J layout holds the values ND4J itself reports, row by row. */
class HeapMatrixTest {
    private static void assertSameValues(INDArray array) {
        HeapMatrix heap = HeapMatrix.of(array);
        INDArray rows = array.rank() == 1 ? array.reshape(1, array.length()) : array;
        assertEquals(rows.rows(), heap.rows());
        assertEquals(rows.columns(), heap.columns());
        assertArrayEquals(rows.dup('c').data().asFloat(), heap.values(), array.shapeInfoToString());
    }

    @Test
    void rowMajorColumnMajorAndViewsWithOffsetsReadTheSame() {
        INDArray values = Nd4j.linspace(1, 60, 60, DataType.FLOAT).reshape('c', 6, 10);
        assertSameValues(values);
        assertSameValues(values.dup('f'));
        assertSameValues(values.get(NDArrayIndex.interval(2, 5), NDArrayIndex.interval(3, 9)));
        assertSameValues(values.transpose());
        assertSameValues(values.getRow(4));
        assertSameValues(values.getColumn(7));
        assertSameValues(Nd4j.linspace(1, 5, 5, DataType.FLOAT));
    }

    @Test
    void argMaxIsTheFirstLargestValueOfTheRowAsNd4jPicksIt() {
        INDArray values = Nd4j.create(new float[][] {{0.1f, 0.7f, 0.7f}, {3, -1, 2}, {-5, -4, -4.5f}});
        HeapMatrix heap = HeapMatrix.of(values);
        long[] nd4j = values.argMax(1).toLongVector();
        for (int r = 0; r < 3; r++) {
            assertEquals(nd4j[r], heap.argMax(r), "row " + r);
        }
        assertEquals(1, heap.argMax(0), "a tie goes to the first");
    }
}

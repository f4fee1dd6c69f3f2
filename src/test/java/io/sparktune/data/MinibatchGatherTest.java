package io.sparktune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class MinibatchGatherTest {
    private static LabeledImages images(int count) {
        ImageShape shape = new ImageShape(3, 4, 5);
        byte[] pixels = new byte[count * shape.pixels()];
        new Random(7).nextBytes(pixels);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 3;
        }
        int[] all = new int[count];
        Arrays.setAll(all, i -> i);
        return new RawImages(pixels, labels, shape, List.of("a", "b", "c")).select(all);
    }

    @Test
    void aGatheredMinibatchHoldsTheChosenImagesAndLabelsInOrderAsNchw() {
        LabeledImages images = images(50);
        DataSet third = TrainingData.batch(images, new int[] {3});
        assertEquals(images.pixels().value(3, 2 * 20 + 7) / 255f, third.getFeatures().getFloat(0, 2, 1, 2),
                1e-7, "image 3, channel 2, row 1, column 2: its byte over 255");
        assertEquals(1f, third.getLabels().getFloat(0, 0), "3 % 3 = class 0, one-hot");
        try (MinibatchGather gather = new MinibatchGather(images)) {
            for (int[] rows : new int[][] {{7, 3, 49, 0}, {12, 11, 10}, {1, 2, 3, 4}}) {
                DataSet expected = TrainingData.batch(images, rows);
                DataSet batch = gather.of(rows);
                assertEquals(expected.getFeatures(), batch.getFeatures(), "images " + Arrays.toString(rows));
                assertEquals(expected.getLabels(), batch.getLabels(), "labels " + Arrays.toString(rows));
                assertEquals(List.of((long) rows.length, 3L, 4L, 5L), Arrays.stream(batch.getFeatures()
                        .shape()).boxed().toList());
            }
        }
    }

    @Test
    void minibatchesOfOneSizeShareTheirArraysSoTheNextOverwritesTheLast() {
        LabeledImages images = images(20);
        try (MinibatchGather gather = new MinibatchGather(images)) {
            INDArray first = gather.of(new int[] {0, 1}).getFeatures();
            INDArray shorter = gather.of(new int[] {5}).getFeatures();
            INDArray second = gather.of(new int[] {2, 3}).getFeatures();
            assertSame(first, second, "one array per minibatch size, filled anew each step");
            assertTrue(shorter != first, "a shorter last minibatch has its own");
            assertEquals(TrainingData.batch(images, new int[] {2, 3}).getFeatures(), first);
        }
    }

    @Test
    void minibatchesGatheredOneAtATimeHoldWhatMinibatchesBuiltAtOnceHold() {
        LabeledImages images = images(50);
        List<DataSet> kept = TrainingData.batchesInOrder(images, 16);
        int i = 0;
        for (DataSet batch : TrainingData.inOrder(images, 16)) {
            assertEquals(kept.get(i).getFeatures(), batch.getFeatures(), "minibatch " + i);
            assertEquals(kept.get(i).getLabels(), batch.getLabels(), "minibatch " + i);
            i++;
        }
        assertEquals(4, i, "16, 16, 16 and the last 2 of 50");
    }
}

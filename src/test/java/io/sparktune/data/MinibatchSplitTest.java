package io.sparktune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinibatchSplitTest {
    private static List<Integer> sizes(int images, int batchSize) {
        MinibatchSplit split = new MinibatchSplit(images, batchSize);
        List<Integer> sizes = new ArrayList<>();
        int next = 0;
        for (int b = 0; b < split.count(); b++) {
            assertEquals(next, split.start(b), "minibatch " + b + " starts where the one before ended");
            sizes.add(split.end(b) - split.start(b));
            next = split.end(b);
        }
        assertEquals(images, next, "every image of the epoch is in one minibatch");
        return sizes;
    }

    @Test
    void aRemainderIsSpreadOverTheEpochInsteadOfTrainingAStepOnItsOwn() {
        // 80% of data_batch_1.bin by 64: not 125 steps of 64 and one of a single image.
        List<Integer> sizes = sizes(8001, 64);
        assertEquals(126, sizes.size());
        assertTrue(sizes.stream().allMatch(s -> s == 63 || s == 64), sizes.toString());
    }

    @Test
    void imagesThatDivideEvenlyGiveFullMinibatches() {
        assertEquals(List.of(64, 64, 64), sizes(192, 64));
        assertEquals(625, sizes(40_000, 64).size());
        assertTrue(sizes(40_000, 64).stream().allMatch(s -> s == 64));
    }

    @Test
    void noMinibatchIsLargerThanTheBatchSizeOrHalfOfItSmaller() {
        assertEquals(List.of(50, 50), sizes(100, 64));
        assertEquals(List.of(32, 33), sizes(65, 64));
        assertEquals(List.of(1), sizes(1, 64));
        assertEquals(List.of(), sizes(0, 64));
        for (int images = 1; images < 1_000; images += 7) {
            for (int batch : new int[] {1, 16, 64, 500}) {
                for (int size : sizes(images, batch)) {
                    assertTrue(size <= batch && (images < batch || 2 * size >= batch),
                            images + " images by " + batch + " gave a minibatch of " + size);
                }
            }
        }
    }

    @Test
    void aBatchSizeBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MinibatchSplit(10, 0));
    }
}

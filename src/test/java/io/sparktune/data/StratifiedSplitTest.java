package io.sparktune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
    /** 3 classes of 100, 200 and 700 rows. */
    private static final int[] LABELS = IntStream.range(0, 1000).map(i -> i < 100 ? 0 : i < 300 ? 1 : 2).toArray();

    private static int[] classCounts(int[] rows) {
        int[] counts = new int[3];
        for (int row : rows) {
            counts[LABELS[row]]++;
        }
        return counts;
    }

    @Test
    void eachClassKeepsItsShareInBothParts() {
        StratifiedSplit split = StratifiedSplit.of(LABELS, 3, 0.2, null, 7);
        assertArrayEquals(new int[] {20, 40, 140}, classCounts(split.validation()));
        assertArrayEquals(new int[] {80, 160, 560}, classCounts(split.train()));
    }

    @Test
    void partsAreDisjointAndCoverTheRows() {
        StratifiedSplit split = StratifiedSplit.of(LABELS, 3, 0.25, null, 7);
        Set<Integer> seen = new HashSet<>();
        IntStream.of(split.train()).forEach(seen::add);
        IntStream.of(split.validation()).forEach(r -> assertFalse(seen.contains(r), "row " + r + " in both"));
        assertEquals(1000, split.train().length + split.validation().length);
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        StratifiedSplit a = StratifiedSplit.of(LABELS, 3, 0.2, null, 7);
        assertArrayEquals(a.validation(), StratifiedSplit.of(LABELS, 3, 0.2, null, 7).validation());
        assertFalse(java.util.Arrays.equals(a.validation(), StratifiedSplit.of(LABELS, 3, 0.2, null, 8).validation()));
    }

    @Test
    void aLimitTakesAClassBalancedSubset() {
        StratifiedSplit split = StratifiedSplit.of(LABELS, 3, 0.2, 100, 7);
        assertEquals(100, split.train().length + split.validation().length);
        int[] all = IntStream.concat(IntStream.of(split.train()), IntStream.of(split.validation())).toArray();
        assertArrayEquals(new int[] {10, 20, 70}, classCounts(all));
        assertArrayEquals(new int[] {2, 4, 14}, classCounts(split.validation()));
    }
}

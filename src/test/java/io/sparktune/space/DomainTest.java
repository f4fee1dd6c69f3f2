package io.sparktune.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a list or a range in search.space draws and which grid values it gives. */
class DomainTest {
    private static List<Object> draws(Domain domain, int n) {
        Random random = new Random(1);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(domain.sample(random));
        }
        return values;
    }

    @Test
    void aChoiceDrawsEachValueAndGridsThemInOrder() {
        Choice choice = new Choice(List.of("relu", "tanh", "sigmoid"));
        assertEquals(List.of("relu", "tanh", "sigmoid"), choice.gridValues());
        assertEquals(Set.of("relu", "tanh", "sigmoid"), new HashSet<>(draws(choice, 200)));
    }

    /** Log-uniform: as many draws in each decade of [1e-4, 1e-1]. */
    @Test
    void aLogRangeSpreadsDrawsEvenlyOverDecades() {
        List<Object> values = draws(new Range(1e-4, 1e-1, true, false, null, null), 3000);
        int[] decades = new int[3];
        for (Object v : values) {
            double d = (Double) v;
            assertTrue(d >= 1e-4 && d <= 1e-1, "in range: " + d);
            decades[(int) Math.min(2, Math.floor(Math.log10(d) + 4))]++;
        }
        for (int count : decades) {
            assertEquals(1000, count, 100, "draws per decade");
        }
    }

    @Test
    void anIntegerRangeWithAStepDrawsOnlyItsSteps() {
        Set<Object> values = new HashSet<>(draws(new Range(16, 128, false, true, 16.0, null), 500));
        assertEquals(Set.of(16, 32, 48, 64, 80, 96, 112, 128), values);
    }

    /** {low 1, high 3}: a third each, ends included (rounding draws over [1, 3] would give the ends a quarter). */
    @Test
    void aWholeNumberRangeDrawsEveryValueEquallyOften() {
        java.util.Map<Object, Long> counts = draws(new Range(1, 3, false, true, null, null), 30_000).stream()
                .collect(java.util.stream.Collectors.groupingBy(v -> v, java.util.stream.Collectors.counting()));
        assertEquals(Set.of(1, 2, 3), counts.keySet());
        counts.values().forEach(n -> assertEquals(10_000, n, 400, "draws of each value: " + counts));
        assertEquals(3, new Range(1, 3, false, true, null, null).size());
    }

    @Test
    void aStepRangeDrawsEveryStepEquallyOftenAndCountsThem() {
        Range quarters = new Range(0, 1, false, false, 0.25, null);
        java.util.Map<Object, Long> counts = draws(quarters, 50_000).stream()
                .collect(java.util.stream.Collectors.groupingBy(v -> v, java.util.stream.Collectors.counting()));
        assertEquals(Set.of(0.0, 0.25, 0.5, 0.75, 1.0), counts.keySet());
        counts.values().forEach(n -> assertEquals(10_000, n, 400, "draws of each step: " + counts));
        assertEquals(5, quarters.size());
        assertEquals(Long.MAX_VALUE, new Range(0, 1, false, false, null, null).size(), "a real range is endless");
    }

    /** A whole-number log range widens by half a unit too, so its low end is not starved: 16 of [16, 64]. */
    @Test
    void aWholeNumberLogRangeGivesItsEndsTheirShare() {
        List<Object> values = draws(new Range(16, 64, true, true, null, null), 40_000);
        double expected = (Math.log(16.5) - Math.log(15.5)) / (Math.log(64.5) - Math.log(15.5));
        long lows = values.stream().filter(v -> v.equals(16)).count();
        assertEquals(expected, lows / 40_000.0, 0.15 * expected, "share of 16");
        assertTrue(values.contains(64));
    }

    @Test
    void gridPointsAreEvenlySpacedOrLogSpacedWithBothEnds() {
        assertEquals(List.of(0.0, 0.25, 0.5), new Range(0, 0.5, false, false, null, 3).gridValues());
        assertEquals(List.of(1.0E-4, 0.001, 0.01, 0.1), new Range(1e-4, 0.1, true, false, null, 4).gridValues());
        assertEquals(List.of(1, 2, 3), new Range(1, 3, false, true, null, 5).gridValues(), "no repeats");
    }
}

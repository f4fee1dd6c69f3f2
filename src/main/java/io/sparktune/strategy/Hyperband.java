package io.sparktune.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Hyperband (Li et al. 2018): several successive-halving brackets side by side, each trading number of
 * candidates against epochs differently. Bracket 0 starts many candidates at the first rung; bracket b
 * starts fewer at rung b, so a slow starter that the first rung would misjudge can still be trained long
 * enough to show what it is worth. The candidates are dealt out to the brackets in Hyperband's
 * proportions, n_b = ceil(K / (K - b) * eta^(K - 1 - b)) for K rungs, after a seeded shuffle, so a grid's
 * structure (its first parameter varies slowest) does not put one value in one bracket.
 */
public final class Hyperband {
    private Hyperband() {
    }

    /**
     * The candidates' trial ids split into {@code count} brackets for {@code rungCount} rungs, bracket b made
     * by {@code bracket} from its candidates and its first rung b.
     */
    static SearchStrategy of(List<Integer> candidateIds, int rungCount, int eta, int count, long seed,
                             BracketFactory bracket) {
        List<List<Integer>> parts = split(candidateIds, rungCount, eta, count, seed);
        List<SearchStrategy> brackets = new ArrayList<>();
        for (int b = 0; b < parts.size(); b++) {
            brackets.add(bracket.create(parts.get(b), b));
        }
        return new SideBySide(brackets);
    }

    /** Makes the successive-halving bracket for some candidates, by trial id, starting at a rung. */
    interface BracketFactory {
        SearchStrategy create(List<Integer> candidateIds, int firstRung);
    }

    /** The candidates' ids dealt out to the brackets, each bracket's in ascending order. */
    static List<List<Integer>> split(List<Integer> candidates, int rungCount, int eta, int count, long seed) {
        double[] weights = new double[count];
        for (int b = 0; b < count; b++) {
            weights[b] = Math.ceil((double) rungCount / (rungCount - b) * Math.pow(eta, rungCount - 1 - b));
        }
        double total = Arrays.stream(weights).sum();
        // Largest remainder, with at least one candidate per bracket.
        int n = candidates.size();
        int[] sizes = new int[count];
        int given = 0;
        for (int b = 0; b < count; b++) {
            sizes[b] = Math.max(1, (int) Math.floor(n * weights[b] / total));
            given += sizes[b];
        }
        Integer[] byRemainder = new Integer[count];
        for (int b = 0; b < count; b++) {
            byRemainder[b] = b;
        }
        Arrays.sort(byRemainder, Comparator.comparingDouble(
                (Integer b) -> -(n * weights[b] / total - Math.floor(n * weights[b] / total))));
        for (int i = 0; given < n; i = (i + 1) % count) {
            sizes[byRemainder[i]]++;
            given++;
        }
        for (int b = count - 1; given > n && b >= 0; b--) {
            while (given > n && sizes[b] > 1) {
                sizes[b]--;
                given--;
            }
        }
        List<Integer> dealt = new ArrayList<>(candidates);
        Collections.shuffle(dealt, new Random(seed));
        List<List<Integer>> parts = new ArrayList<>();
        int from = 0;
        for (int b = 0; b < count; b++) {
            List<Integer> part = new ArrayList<>(dealt.subList(from, from + sizes[b]));
            Collections.sort(part);
            parts.add(List.copyOf(part));
            from += sizes[b];
        }
        return parts;
    }
}

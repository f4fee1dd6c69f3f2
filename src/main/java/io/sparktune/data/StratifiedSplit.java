package io.sparktune.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * A seeded split of labelled rows into training and validation rows that keeps each class's share in
 * both, optionally on a class-balanced subset of at most {@code limit} rows.
 */
public record StratifiedSplit(int[] train, int[] validation) {

    public static StratifiedSplit of(int[] labels, int classes, double validationFraction, Integer limit,
                                     long seed) {
        List<List<Integer>> byClass = shuffledByClass(labels, classes, row -> true, seed);
        int[] keep = quotas(byClass, limit == null ? labels.length : Math.min(limit, labels.length), labels.length);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> rows = byClass.get(c).subList(0, keep[c]);
            int toValidation = (int) Math.round(rows.size() * validationFraction);
            if (rows.size() >= 2) {
                toValidation = Math.max(1, Math.min(rows.size() - 1, toValidation));
            }
            validation.addAll(rows.subList(0, toValidation));
            train.addAll(rows.subList(toValidation, rows.size()));
        }
        return new StratifiedSplit(sorted(train), sorted(validation));
    }

    /**
     * The user's own split: {@code validationRows} as given, and the other rows for training, cut to a
     * class-balanced {@code limit} when one is set.
     */
    public static StratifiedSplit given(int[] labels, int classes, int[] validationRows, Integer limit, long seed) {
        Set<Integer> validation = Arrays.stream(validationRows).boxed().collect(Collectors.toSet());
        List<List<Integer>> byClass = shuffledByClass(labels, classes, row -> !validation.contains(row), seed);
        int trainRows = labels.length - validation.size();
        int[] keep = quotas(byClass, limit == null ? trainRows : Math.min(limit, trainRows), trainRows);
        List<Integer> train = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            train.addAll(byClass.get(c).subList(0, keep[c]));
        }
        return new StratifiedSplit(sorted(train), Arrays.stream(validationRows).sorted().toArray());
    }

    /** The rows {@code keep} admits, grouped by class, each group in an order drawn by {@code seed}. */
    private static List<List<Integer>> shuffledByClass(int[] labels, int classes, IntPredicate keep, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int row = 0; row < labels.length; row++) {
            if (keep.test(row)) {
                byClass.get(labels[row]).add(row);
            }
        }
        Random random = new Random(seed);
        for (List<Integer> rows : byClass) {
            Collections.shuffle(rows, random);
        }
        return byClass;
    }

    /** Rows to keep per class: proportional to its size, largest remainders first, summing to {@code total}. */
    private static int[] quotas(List<List<Integer>> byClass, int total, int all) {
        int[] keep = new int[byClass.size()];
        double[] remainder = new double[byClass.size()];
        int assigned = 0;
        for (int c = 0; c < keep.length; c++) {
            double exact = (double) byClass.get(c).size() * total / all;
            keep[c] = (int) Math.floor(exact);
            remainder[c] = exact - keep[c];
            assigned += keep[c];
        }
        Integer[] order = new Integer[keep.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Double.compare(remainder[b], remainder[a]));
        for (int i = 0; assigned < total; i = (i + 1) % order.length) {
            if (keep[order[i]] < byClass.get(order[i]).size()) {
                keep[order[i]]++;
                assigned++;
            }
        }
        return keep;
    }

    private static int[] sorted(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}

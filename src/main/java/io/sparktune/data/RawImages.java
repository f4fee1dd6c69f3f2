package io.sparktune.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Images as 8-bit pixels straight from the files, before a split picks rows and scales them to [0, 1].
 * {@code skipped} names the files that could not be decoded, with the reason. {@code givenValidation} holds the
 * rows the user set aside for validation (a {@code val/} folder, a manifest's split column), or is null when the
 * search draws its own. Serializable, so the driver can ship a data set that only it can read to the executors.
 */
public record RawImages(byte[] pixels, int[] labels, ImageShape shape, List<String> classNames,
                        List<String> skipped, int[] givenValidation) implements Serializable {

    public RawImages(byte[] pixels, int[] labels, ImageShape shape, List<String> classNames) {
        this(pixels, labels, shape, classNames, List.of(), null);
    }

    public RawImages(byte[] pixels, int[] labels, ImageShape shape, List<String> classNames, List<String> skipped) {
        this(pixels, labels, shape, classNames, skipped, null);
    }

    /** The given rows as a set of their own (still 8-bit); a given validation row stays one. */
    public RawImages subset(int[] rows) {
        int width = shape.pixels();
        byte[] picked = new byte[rows.length * width];
        int[] pickedLabels = new int[rows.length];
        Set<Integer> given = givenValidation == null ? Set.of()
                : Arrays.stream(givenValidation).boxed().collect(Collectors.toSet());
        List<Integer> pickedGiven = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(pixels, rows[i] * width, picked, i * width, width);
            pickedLabels[i] = labels[rows[i]];
            if (given.contains(rows[i])) {
                pickedGiven.add(i);
            }
        }
        return new RawImages(picked, pickedLabels, shape, classNames, skipped, givenValidation == null ? null
                : pickedGiven.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The search's training and validation rows: the user's own validation rows when given (only the training
     * rows are then cut to {@code limit}), else a stratified {@code validationFraction} drawn by {@code seed}.
     */
    public StratifiedSplit split(double validationFraction, Integer limit, long seed) {
        return givenValidation == null
                ? StratifiedSplit.of(labels, classNames.size(), validationFraction, limit, seed)
                : StratifiedSplit.given(labels, classNames.size(), givenValidation, limit, seed);
    }

    public int size() {
        return labels.length;
    }

    /** The given rows as labelled images: a view of these pixels, nothing copied. */
    public LabeledImages select(int[] rows) {
        int[] picked = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = labels[rows[i]];
        }
        return new LabeledImages(pixels, rows.clone(), picked, shape, classNames);
    }

    public LabeledImages all() {
        int[] rows = new int[size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return select(rows);
    }
}

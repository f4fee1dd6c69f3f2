package io.sparktune.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Images as 8-bit pixels straight from the files, before a split picks rows and scales them to [0, 1]; image
 * {@code i} is {@code pixels}' image {@code i}, labelled {@code labels[i]}.
 * {@code skipped} names the files that could not be decoded, with the reason. {@code givenValidation} holds the
 * rows the user set aside for validation (a {@code val/} folder, a manifest's split column), or is null when the
 * search draws its own. Serializable, so the driver can ship a data set that only it can read to the executors.
 */
public record RawImages(PixelStore pixels, int[] labels, ImageShape shape, List<String> classNames,
                        List<String> skipped, int[] givenValidation) implements Serializable {

    public RawImages {
        if (pixels.count() != labels.length || pixels.imageBytes() != shape.pixels()) {
            throw new IllegalArgumentException(pixels.count() + " images of " + pixels.imageBytes() + " bytes for "
                    + labels.length + " labels of " + shape);
        }
    }

    /** Images laid out one after another in one array, as a reader of a small format gives them. */
    public RawImages(byte[] pixels, int[] labels, ImageShape shape, List<String> classNames) {
        this(PixelStore.of(pixels, shape.pixels()), labels, shape, classNames, List.of(), null);
    }

    /** The given rows as a set of their own (a view of these pixels); a given validation row stays one. */
    public RawImages subset(int[] rows) {
        int[] pickedLabels = new int[rows.length];
        Set<Integer> given = givenValidation == null ? Set.of()
                : Arrays.stream(givenValidation).boxed().collect(Collectors.toSet());
        List<Integer> pickedGiven = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            pickedLabels[i] = labels[rows[i]];
            if (given.contains(rows[i])) {
                pickedGiven.add(i);
            }
        }
        return new RawImages(pixels.select(rows), pickedLabels, shape, classNames, skipped,
                givenValidation == null ? null : pickedGiven.stream().mapToInt(Integer::intValue).toArray());
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
        return new LabeledImages(pixels.select(rows), picked, shape, classNames);
    }

    public LabeledImages all() {
        return new LabeledImages(pixels, labels.clone(), shape, classNames);
    }
}

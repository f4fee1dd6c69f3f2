package io.sparktune.data;

/**
 * How an epoch of {@code images} training images is cut into minibatches of at most {@code batchSize}:
 * as many minibatches as full ones plus a shorter last one would make, but sized evenly, so their sizes
 * differ by one image at most. Cutting full minibatches and leaving the remainder to the last step (8,001
 * images by 64: 125 steps of 64 and one of a single image) hurts a network with batch norm: that step
 * normalises by one image's statistics, moves the running averages that validation uses a tenth of the
 * way towards them just before validating, and Adam takes a full-sized step from one image's gradient.
 * Every image is still seen once an epoch.
 */
public record MinibatchSplit(int images, int batchSize) {
    public MinibatchSplit {
        if (images < 0 || batchSize < 1) {
            throw new IllegalArgumentException("cannot split " + images + " images into minibatches of " + batchSize);
        }
    }

    /** The number of minibatches, the steps of one epoch. */
    public int count() {
        return (int) (((long) images + batchSize - 1) / batchSize);
    }

    /** The first image (position in the epoch's order) of minibatch {@code index}. */
    public int start(int index) {
        return (int) ((long) index * images / count());
    }

    /** One past the last image of minibatch {@code index}. */
    public int end(int index) {
        return start(index + 1);
    }
}

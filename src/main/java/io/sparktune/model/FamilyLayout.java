package io.sparktune.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in family's layers from the images to the head, in order, as a configuration's hyperparameters lay
 * them out. {@link CnnFactory} builds them, {@link NetworkCost} and {@link NetworkMemory} count them and
 * {@link CnnFactory#featureSide} checks they fit the images, so a new kind of block is laid out once, here.
 */
public record FamilyLayout(List<Step> steps) {

    /** One layer of the layout, which knows the map it gives from the map it reads. */
    public sealed interface Step permits Whiten, Conv, Norm, Act, Pool {
        default long outSide(long side) {
            return side;
        }

        default long outChannels(long channels) {
            return channels;
        }
    }

    /**
     * The frozen patch-whitening convolution: 2x2, valid, no bias, {@link #whiteningFilters} filters, the
     * activation applied in the layer.
     */
    public record Whiten() implements Step {
        @Override
        public long outSide(long side) {
            return side - 1;
        }

        @Override
        public long outChannels(long channels) {
            return whiteningFilters(channels);
        }
    }

    /**
     * A convolution of conv block {@code block} (from 1); {@code activated} when it applies the activation itself
     * (nothing between them), {@code bias} when it has one (batch norm's shift makes a bias redundant).
     */
    public record Conv(int block, long filters, int kernel, boolean same, boolean activated, boolean bias)
            implements Step {
        @Override
        public long outSide(long side) {
            return same ? side : side - kernel + 1;
        }

        @Override
        public long outChannels(long channels) {
            return filters;
        }
    }

    /** Batch normalisation of the previous layer's output. */
    public record Norm() implements Step {
    }

    /** The activation on its own, after batch norm or a pooling. */
    public record Act() implements Step {
    }

    /** The 2x2 max-pool of conv block {@code block} (from 1); an odd side is floored. */
    public record Pool(int block) implements Step {
        @Override
        public long outSide(long side) {
            return side / 2;
        }
    }

    /** A step with the side and channels of the map it reads and of the map it gives. */
    public record Placed(Step step, long inSide, long inChannels, long outSide, long outChannels) {
    }

    public static FamilyLayout of(ModelConfig config) {
        boolean norm = config.get(Hyperparameters.BATCH_NORM);
        boolean poolFirst = config.get(Hyperparameters.BLOCK_ORDER) == BlockOrder.CONV_POOL_BN_ACT;
        int kernel = config.get(Hyperparameters.KERNEL_SIZE);
        boolean same = config.get(Hyperparameters.PADDING) == Padding.SAME;
        int[] widths = IntegerList.of(config.get(Hyperparameters.BLOCK_WIDTHS));
        List<Step> steps = new ArrayList<>();
        if (config.get(Hyperparameters.PATCH_WHITENING)) {
            steps.add(new Whiten());
        }
        for (int block = 0; block < config.get(Hyperparameters.CONV_LAYERS); block++) {
            long filters = block < widths.length ? widths[block] : (long) config.get(Hyperparameters.FILTERS) << block;
            for (int conv = 0; conv < config.get(Hyperparameters.CONVS_PER_BLOCK); conv++) {
                boolean pool = poolFirst && conv == 0;
                // Pooling between a convolution and its activation leaves the activation its own layer.
                steps.add(new Conv(block + 1, filters, kernel, same, !norm && !pool, !norm));
                if (pool) {
                    steps.add(new Pool(block + 1));
                }
                if (norm) {
                    steps.add(new Norm());
                }
                if (norm || pool) {
                    steps.add(new Act());
                }
            }
            if (!poolFirst) {
                steps.add(new Pool(block + 1));
            }
        }
        return new FamilyLayout(List.copyOf(steps));
    }

    /**
     * Filters of the whitening convolution for images of {@code channels}: one per patch dimension, and its
     * negation.
     */
    public static long whiteningFilters(long channels) {
        return 2 * channels * 2 * 2;
    }

    /** Every step with the maps it reads and gives, for images of {@code side} pixels and {@code channels}. */
    public List<Placed> placed(long side, long channels) {
        List<Placed> placed = new ArrayList<>();
        for (Step step : steps) {
            long outSide = step.outSide(side);
            long outChannels = step.outChannels(channels);
            placed.add(new Placed(step, side, channels, outSide, outChannels));
            side = outSide;
            channels = outChannels;
        }
        return placed;
    }
}

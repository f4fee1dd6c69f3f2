package io.sparktune.trial;

import java.util.Random;

/**
 * Random-resized crops: each training image is cut to a random region of at least {@code minArea} of its area,
 * with an aspect ratio from 3:4 to 4:3, and stretched back to the full size by bilinear interpolation. On photos,
 * where the subject fills the frame to very different degrees, this teaches the network scale as flips and
 * shifts teach it position. The region's draws come from the trial's augmentation generator, so a trial
 * continued from a checkpoint crops exactly as an unbroken one.
 */
record ScaleCrop(double minArea) {
    private static final double LOG_ASPECT = Math.log(4.0 / 3.0);

    /** Whether crops keep the whole image (a minimum area of 1), so there is nothing to do. */
    boolean isNone() {
        return minArea >= 1;
    }

    /** A region of an image, in pixels of the source: its top-left corner and its size. */
    record Region(double top, double left, double height, double width) {
    }

    /** Draws one image's region: its share of the area first, then its aspect, then where it lies. */
    Region draw(Random random, int height, int width) {
        double area = minArea + (1 - minArea) * random.nextDouble();
        double aspect = Math.exp(LOG_ASPECT * (2 * random.nextDouble() - 1));
        double w = Math.sqrt(area * aspect);
        double h = Math.sqrt(area / aspect);
        // A region wider (or taller) than the image is cut to it, and the other side grows to keep the area.
        if (w > 1) {
            w = 1;
            h = area;
        } else if (h > 1) {
            h = 1;
            w = area;
        }
        double top = height * (1 - h) * random.nextDouble();
        double left = width * (1 - w) * random.nextDouble();
        return new Region(top, left, height * h, width * w);
    }

    /**
     * A new [batch, channels, height, width] array in which each image of {@code source} is replaced by a random
     * region of it, resized to the full image.
     */
    float[] apply(float[] source, int batch, int channels, int height, int width, Random random) {
        float[] target = new float[source.length];
        int plane = height * width;
        for (int b = 0; b < batch; b++) {
            Region region = draw(random, height, width);
            for (int c = 0; c < channels; c++) {
                resize(source, target, (b * channels + c) * plane, height, width, region);
            }
        }
        return target;
    }

    /** Bilinear resampling of one plane's region onto the whole plane, pixel centres mapped to pixel centres. */
    static void resize(float[] source, float[] target, int base, int height, int width, Region region) {
        double scaleY = region.height() / height;
        double scaleX = region.width() / width;
        for (int y = 0; y < height; y++) {
            double sy = clamp(region.top() + (y + 0.5) * scaleY - 0.5, height - 1);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, height - 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = clamp(region.left() + (x + 0.5) * scaleX - 0.5, width - 1);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, width - 1);
                double fx = sx - x0;
                double upper = source[base + y0 * width + x0] * (1 - fx) + source[base + y0 * width + x1] * fx;
                double lower = source[base + y1 * width + x0] * (1 - fx) + source[base + y1 * width + x1] * fx;
                target[base + y * width + x] = (float) (upper * (1 - fy) + lower * fy);
            }
        }
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}

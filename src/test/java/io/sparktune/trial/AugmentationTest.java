package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AugmentationTest {
    /** 2 images, 1 channel, 3x4: value = 100 * image + 10 * row + column + 1 (never 0, so padding shows). */
    private static INDArray batch() {
        float[] v = new float[2 * 12];
        for (int b = 0; b < 2; b++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    v[b * 12 + y * 4 + x] = 100 * b + 10 * y + x + 1;
                }
            }
        }
        return Nd4j.create(v, new long[] {2, 1, 3, 4}, DataType.FLOAT);
    }

    private static final int[] ROWS = {0, 1};

    @Test
    void aFlipMirrorsRowsLeftToRightAndLeavesTheInputAlone() {
        INDArray in = batch();
        float[] before = in.data().asFloat();
        // With flips only, each image is either unchanged or mirrored.
        float[] out = new Augmentation(true, 0, false, 0).apply(in, new Random(1), ROWS, 1).data().asFloat();
        assertArrayEquals(before, in.data().asFloat());
        for (int b = 0; b < 2; b++) {
            float first = out[b * 12];
            boolean mirrored = first == before[b * 12 + 3];
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    float expected = before[b * 12 + y * 4 + (mirrored ? 3 - x : x)];
                    assertEquals(expected, out[b * 12 + y * 4 + x]);
                }
            }
        }
    }

    @Test
    void aCropWithPaddingShiftsTheImageAndFillsWithZeros() {
        float[] out = new Augmentation(false, 1, false, 0).apply(batch(), new Random(3), ROWS, 1).data().asFloat();
        for (int b = 0; b < 2; b++) {
            // Every pixel is either padding (0) or a pixel of the same image, shifted by at most one.
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    float v = out[b * 12 + y * 4 + x];
                    if (v != 0) {
                        int row = (int) ((v - 1 - 100 * b) / 10);
                        int column = (int) (v - 1 - 100 * b - 10 * row);
                        assertTrue(Math.abs(row - y) <= 1 && Math.abs(column - x) <= 1, "pixel " + v);
                    }
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameAugmentationAndAnotherSeedAnother() {
        Augmentation both = new Augmentation(true, 2, false, 0);
        float[] a = both.apply(batch(), new Random(7), ROWS, 1).data().asFloat();
        assertArrayEquals(a, both.apply(batch(), new Random(7), ROWS, 1).data().asFloat());
        boolean anyDifferent = false;
        for (int seed = 8; seed < 20 && !anyDifferent; seed++) {
            anyDifferent = !java.util.Arrays.equals(a, both.apply(batch(), new Random(seed), ROWS, 1).data().asFloat());
        }
        assertTrue(anyDifferent);
        assertNotEquals(new Augmentation(false, 0, false, 0).isNone(), both.isNone());
    }

    @Test
    void alternatingFlipsMirrorHalfTheImagesInTheFirstEpochAndEachTheOppositeWayInTheNext() {
        Augmentation alternate = new Augmentation(true, 0, true, 42);
        int images = 10_000;
        int firstEpoch = 0;
        for (int image = 0; image < images; image++) {
            boolean first = alternate.mirrored(image, 1);
            firstEpoch += first ? 1 : 0;
            assertNotEquals(first, alternate.mirrored(image, 2), "image " + image);
            assertEquals(first, alternate.mirrored(image, 3), "image " + image);
        }
        assertEquals(images / 2.0, firstEpoch, 200, "images mirrored in epoch 1");
        // Drawn from nothing but the seed, image and epoch: the generator's draws go to the crops alone, and the
        // batch's pixels follow those flips.
        float[] before = batch().data().asFloat();
        float[] out = alternate.apply(batch(), new Random(1), new int[] {7, 8}, 2).data().asFloat();
        for (int b = 0; b < 2; b++) {
            boolean mirrored = alternate.mirrored(new int[] {7, 8}[b], 2);
            assertEquals(before[b * 12 + (mirrored ? 3 : 0)], out[b * 12], "image " + b);
        }
        Augmentation otherSeed = new Augmentation(true, 0, true, 43);
        long differ = java.util.stream.IntStream.range(0, 64)
                .filter(i -> alternate.mirrored(i, 1) != otherSeed.mirrored(i, 1)).count();
        assertTrue(differ > 16 && differ < 48, "another trial's seed flips other images first: " + differ + " of 64");
    }

    @Test
    void aRandomResizedCropKeepsAtLeastItsShareOfTheAreaAtAnAspectFromThreeFourthsToFourThirds() {
        ScaleCrop crop = new ScaleCrop(0.3);
        Random random = new Random(5);
        double smallest = 1;
        for (int i = 0; i < 10_000; i++) {
            ScaleCrop.Region r = crop.draw(random, 40, 60);
            double area = r.height() * r.width() / (40.0 * 60.0);
            assertTrue(area >= 0.3 - 1e-9 && area <= 1 + 1e-9, "area " + area);
            smallest = Math.min(smallest, area);
            double aspect = (r.width() / 60) / (r.height() / 40);
            boolean cutToTheImage = r.width() > 60 - 1e-9 || r.height() > 40 - 1e-9;
            assertTrue(cutToTheImage || aspect >= 0.75 - 1e-9 && aspect <= 4.0 / 3 + 1e-9, "aspect " + aspect);
            assertTrue(r.top() >= 0 && r.top() + r.height() <= 40 + 1e-9, "inside, vertically: " + r);
            assertTrue(r.left() >= 0 && r.left() + r.width() <= 60 + 1e-9, "inside, horizontally: " + r);
        }
        assertEquals(0.3, smallest, 0.01, "small regions are drawn too");
        assertTrue(new ScaleCrop(1).isNone());
    }

    @Test
    void aRegionIsStretchedToTheWholeImageByBilinearInterpolation() {
        // A linear ramp is what bilinear interpolation reproduces exactly: each output pixel is the ramp at
        // the point of the region its centre maps to.
        int height = 6;
        int width = 8;
        float[] ramp = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                ramp[y * width + x] = 10 * y + x;
            }
        }
        ScaleCrop.Region region = new ScaleCrop.Region(1, 2, 3, 4);
        float[] out = new float[ramp.length];
        ScaleCrop.resize(ramp, out, 0, height, width, region);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sy = 1 + (y + 0.5) * 3 / height - 0.5;
                double sx = 2 + (x + 0.5) * 4 / width - 0.5;
                assertEquals(10 * sy + sx, out[y * width + x], 1e-4, "pixel " + y + "," + x);
            }
        }
        float[] whole = new float[ramp.length];
        ScaleCrop.resize(ramp, whole, 0, height, width, new ScaleCrop.Region(0, 0, height, width));
        assertArrayEquals(ramp, whole, "the whole image comes back as it was");
    }

    @Test
    void scaleCropsComeBeforeFlipsAndAreDrawnFromTheTrialsGenerator() {
        Augmentation scaled = new Augmentation(new ScaleCrop(0.25), false, 0, false, 0);
        assertTrue(!scaled.isNone());
        float[] before = batch().data().asFloat();
        float[] a = scaled.apply(batch(), new Random(11), ROWS, 1).data().asFloat();
        assertArrayEquals(a, scaled.apply(batch(), new Random(11), ROWS, 1).data().asFloat(), "same generator");
        assertTrue(!java.util.Arrays.equals(before, a), "the images changed");
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 12; i++) {
                // Interpolated within the image's own values (100 * image + 1 to 100 * image + 24).
                float v = a[b * 12 + i];
                assertTrue(v >= 100 * b + 1 - 1e-4 && v <= 100 * b + 24 + 1e-4, "image " + b + ": " + v);
            }
        }
    }
}

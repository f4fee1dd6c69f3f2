package io.sparktune.model;

import io.sparktune.input.SpecName;

/**
 * Which views of each validation and test image the network's class probabilities are averaged over:
 * {@code none} (the image), {@code mirror} (it and its mirror image, half each) or {@code mirror_translate}
 * (as airbench: those two at half weight, and both again shifted one pixel up-left and one pixel down-right at
 * a quarter weight each; six forward passes).
 */
public enum TestTimeAugmentation implements SpecName {
    NONE, MIRROR, MIRROR_TRANSLATE;

    /** Forward passes over each image. */
    public int views() {
        return switch (this) {
            case NONE -> 1;
            case MIRROR -> 2;
            case MIRROR_TRANSLATE -> 6;
        };
    }
}

package io.sparktune.model;

import io.sparktune.input.SpecName;

/**
 * How pixels reach the first layer: as read, in [0, 1], or standardised per channel with the mean and
 * standard deviation of the images the network trains on (never the validation or test images).
 */
public enum Normalization implements SpecName {
    NONE, PER_CHANNEL
}

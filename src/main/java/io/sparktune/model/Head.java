package io.sparktune.model;

import io.sparktune.input.SpecName;

/**
 * What follows the conv blocks: flatten and a dense layer of {@code dense_units} (the reference CNN), or
 * global average (or maximum, as airbench) pooling of each channel straight into the softmax layer.
 */
public enum Head implements SpecName {
    DENSE, GLOBAL_AVG, GLOBAL_MAX
}

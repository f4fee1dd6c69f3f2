package io.sparktune.model;

import io.sparktune.input.SpecName;

/**
 * What follows the conv blocks: flatten and a dense layer of {@code dense_units} (the reference CNN), or
 * global average pooling of each channel straight into the softmax layer.
 */
public enum Head implements SpecName {
    DENSE("dense"),
    GLOBAL_AVG("global_avg");

    private final String specName;

    Head(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }

    @Override
    public String toString() {
        return specName;
    }
}

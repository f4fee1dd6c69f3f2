package io.sparktune.model;

import io.sparktune.input.SpecName;

/**
 * How a convolution treats the image border: {@code valid} shrinks the map by kernel - 1 (the reference
 * CNN), {@code same} pads it with zeros to keep its size.
 */
public enum Padding implements SpecName {
    VALID("valid"),
    SAME("same");

    private final String specName;

    Padding(String specName) {
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

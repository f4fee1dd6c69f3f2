package io.sparktune.model;

import io.sparktune.input.SpecName;

/**
 * How a convolution treats the image border: {@code valid} shrinks the map by kernel - 1 (the reference
 * CNN), {@code same} pads it with zeros to keep its size.
 */
public enum Padding implements SpecName {
    VALID, SAME
}

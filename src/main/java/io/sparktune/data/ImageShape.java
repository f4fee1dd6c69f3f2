package io.sparktune.data;

import java.io.Serializable;

/** Channels, height and width of every image in a data set (NCHW, as DL4J's convolution layers expect). */
public record ImageShape(int channels, int height, int width) implements Serializable {
    public int pixels() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return width + "x" + height + "x" + channels;
    }
}

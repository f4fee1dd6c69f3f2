package io.sparktune.data;

import java.io.Serializable;

/**
 * A set's 8-bit images, each {@link #imageBytes()} long (NCHW), numbered from 0. However many there are: a Java
 * array holds at most 2 GB, so a store keeps its images in several arrays ({@link HeapPixels}) or maps them from
 * a file ({@link MappedPixels}), where the operating system pages them in and out and the heap holds none.
 * Serializable, so the driver can ship images that only it can read; a store is shipped as the bytes it holds.
 */
public interface PixelStore extends Serializable {
    int count();

    int imageBytes();

    /** Copies image {@code image}'s bytes into {@code to}, from position 0. */
    void copy(int image, byte[] to);

    /** A copy of image {@code image}'s bytes. */
    default byte[] image(int image) {
        byte[] bytes = new byte[imageBytes()];
        copy(image, bytes);
        return bytes;
    }

    /** The value (0-255) at position {@code position} of image {@code image}. */
    int value(int image, int position);

    /** Image {@code rows[i]} as image {@code i}: a view, nothing copied until it is shipped. */
    default PixelStore select(int[] rows) {
        return new SelectedPixels(this, rows.clone());
    }

    /** Images laid out one after another in {@code pixels}, as a reader of a small format gives them. */
    static PixelStore of(byte[] pixels, int imageBytes) {
        return HeapPixels.of(pixels, imageBytes);
    }
}

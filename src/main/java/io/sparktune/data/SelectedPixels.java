package io.sparktune.data;

import java.io.Serial;

/** Chosen images of another store, in the chosen order. A view of a view reads the first store directly. */
final class SelectedPixels implements PixelStore {
    @Serial
    private static final long serialVersionUID = 1L;

    private final PixelStore base;
    private final int[] rows;

    SelectedPixels(PixelStore base, int[] rows) {
        if (base instanceof SelectedPixels selected) {
            int[] composed = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                composed[i] = selected.rows[rows[i]];
            }
            this.base = selected.base;
            this.rows = composed;
        } else {
            this.base = base;
            this.rows = rows;
        }
    }

    @Override
    public int count() {
        return rows.length;
    }

    @Override
    public int imageBytes() {
        return base.imageBytes();
    }

    @Override
    public void copy(int image, byte[] to) {
        base.copy(rows[image], to);
    }

    @Override
    public int value(int image, int position) {
        return base.value(rows[image], position);
    }

    /** Shipped as the chosen images alone: the rest of the store is no business of whoever receives it. */
    @Serial
    private Object writeReplace() {
        return HeapPixels.copyOf(this);
    }
}

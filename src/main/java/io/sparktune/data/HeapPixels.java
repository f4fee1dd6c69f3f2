package io.sparktune.data;

/**
 * Images on the heap, in arrays of whole images each under Java's 2 GB limit: image {@code i} is in chunk
 * {@code i / perChunk}.
 */
record HeapPixels(byte[][] chunks, int perChunk, int count, int imageBytes) implements PixelStore {
    /** The most bytes one chunk holds: under the largest array every JVM allocates. */
    static final int CHUNK_BYTES = Integer.MAX_VALUE - 64;

    static HeapPixels of(byte[] pixels, int imageBytes) {
        if (pixels.length % imageBytes != 0) {
            throw new IllegalArgumentException(pixels.length + " bytes are not whole images of " + imageBytes);
        }
        int count = pixels.length / imageBytes;
        return new HeapPixels(new byte[][] {pixels}, Math.max(1, count), count, imageBytes);
    }

    /** A copy of {@code source}'s images, in chunks of at most {@link #CHUNK_BYTES}. */
    static HeapPixels copyOf(PixelStore source) {
        return copyOf(source, CHUNK_BYTES);
    }

    /** The same in chunks of at most {@code chunkBytes} (but at least one image) each. */
    static HeapPixels copyOf(PixelStore source, int chunkBytes) {
        int size = source.imageBytes();
        int perChunk = Math.max(1, chunkBytes / size);
        int count = source.count();
        byte[][] chunks = new byte[(count + perChunk - 1) / perChunk][];
        byte[] image = new byte[size];
        for (int c = 0; c < chunks.length; c++) {
            int images = Math.min(perChunk, count - c * perChunk);
            chunks[c] = new byte[images * size];
            for (int i = 0; i < images; i++) {
                source.copy(c * perChunk + i, image);
                System.arraycopy(image, 0, chunks[c], i * size, size);
            }
        }
        return new HeapPixels(chunks, perChunk, count, size);
    }

    @Override
    public void copy(int image, byte[] to) {
        System.arraycopy(chunks[image / perChunk], (image % perChunk) * imageBytes, to, 0, imageBytes);
    }

    @Override
    public int value(int image, int position) {
        return chunks[image / perChunk][(image % perChunk) * imageBytes + position] & 0xFF;
    }
}
